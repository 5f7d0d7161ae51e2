using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueryPlanIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Metrics_ModelVersionId",
                table: "Metrics");

            migrationBuilder.CreateIndex(
                name: "IX_Metrics_ModelVersionId_Name_Value",
                table: "Metrics",
                columns: new[] { "ModelVersionId", "Name", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Metrics_ModelVersionId_Name_Value",
                table: "Metrics");

            migrationBuilder.CreateIndex(
                name: "IX_Metrics_ModelVersionId",
                table: "Metrics",
                column: "ModelVersionId");
        }
    }
}
