using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Adds each audit event's MAC under the anchor key. Existing rows keep a null MAC here: the first start after this
    /// migration seals them, because the key lives outside the database and a migration must not depend on it.
    /// </summary>
    public partial class AnchorAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mac",
                table: "AuditEvents",
                type: "TEXT",
                fixedLength: true,
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Mac",
                table: "AuditEvents");
        }
    }
}
