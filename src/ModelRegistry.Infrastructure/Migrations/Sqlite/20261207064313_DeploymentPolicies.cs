using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeploymentPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ComplianceIssue",
                table: "Deployments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NonCompliantSince",
                table: "Deployments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeploymentPolicyRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AllowedStages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentPolicyRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeploymentPolicyRules_Scope_Environment",
                table: "DeploymentPolicyRules",
                columns: new[] { "Scope", "Environment" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeploymentPolicyRules");

            migrationBuilder.DropColumn(
                name: "ComplianceIssue",
                table: "Deployments");

            migrationBuilder.DropColumn(
                name: "NonCompliantSince",
                table: "Deployments");
        }
    }
}
