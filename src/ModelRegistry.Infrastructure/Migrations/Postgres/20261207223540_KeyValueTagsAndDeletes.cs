using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeyValueTagsAndDeletes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Models_Name",
                table: "Models");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "Models",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeletedBy",
                table: "Models",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "ModelVersions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeletedBy",
                table: "ModelVersions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "RunId",
                table: "ModelVersions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "RunLink",
                table: "ModelVersions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ModelVersions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "ModelVersions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "ModelKeyValueTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelKeyValueTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelKeyValueTags_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VersionKeyValueTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelVersionId = table.Column<long>(type: "bigint", nullable: false),
                    Key = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VersionKeyValueTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VersionKeyValueTags_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name",
                unique: true,
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_RunId",
                table: "ModelVersions",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelKeyValueTags_Key_ModelId",
                table: "ModelKeyValueTags",
                columns: new[] { "Key", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelKeyValueTags_ModelId_Key",
                table: "ModelKeyValueTags",
                columns: new[] { "ModelId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VersionKeyValueTags_Key_ModelVersionId",
                table: "VersionKeyValueTags",
                columns: new[] { "Key", "ModelVersionId" });

            migrationBuilder.CreateIndex(
                name: "IX_VersionKeyValueTags_ModelVersionId_Key",
                table: "VersionKeyValueTags",
                columns: new[] { "ModelVersionId", "Key" },
                unique: true);

            // A version's last change so far is its last stage change, or its creation.
            migrationBuilder.Sql(
                "UPDATE \"ModelVersions\" SET \"UpdatedAt\" = COALESCE((SELECT MAX(\"At\") FROM \"StageTransitions\" " +
                "WHERE \"StageTransitions\".\"ModelVersionId\" = \"ModelVersions\".\"Id\"), \"CreatedAt\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelKeyValueTags");

            migrationBuilder.DropTable(
                name: "VersionKeyValueTags");

            migrationBuilder.DropIndex(
                name: "IX_Models_Name",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_ModelVersions_RunId",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "DeletedBy",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "DeletedBy",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "RunLink",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "ModelVersions");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name",
                unique: true);
        }
    }
}
