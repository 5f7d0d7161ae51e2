using Microsoft.EntityFrameworkCore.Migrations;
using ModelRegistry.Infrastructure.Search;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <summary>Adds the FTS5 search index, its per-kind document views and triggers, and indexes the rows already there.</summary>
    public partial class AddSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchIndexSql.CreateTable);
            foreach (var statement in SearchIndexSql.CreateViews)
                migrationBuilder.Sql(statement);
            foreach (var statement in SearchIndexSql.Backfill)
                migrationBuilder.Sql(statement);
            foreach (var statement in SearchIndexSql.CreateTriggers)
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SearchIndexSql.DropAll)
                migrationBuilder.Sql(statement);
        }
    }
}
