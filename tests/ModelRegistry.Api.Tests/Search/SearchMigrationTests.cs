using ModelRegistry.Api.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;
using static ModelRegistry.Api.Tests.Search.SearchClient;

namespace ModelRegistry.Api.Tests.Search;

/// <summary>The AddSearchIndex migration on a database that already holds data, and on the demo organisation.</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class SearchMigrationTests
{
    [Fact]
    public async Task Rows_written_before_the_search_index_existed_are_found_after_upgrading()
    {
        await using var host = new SearchRegistryHost();
        await using (var db = OpenDatabase(host.DatabaseFile))
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Models (Name, DisplayName, Description, Task, Owner, Tags, BusinessContext, CreatedAt, CreatedBy, UpdatedAt, LastVersionNumber)
                VALUES ('legacy-churn-model', 'Legacy churn', 'Predicts churn.', 'Classification', 'growth', '["retention"]', NULL,
                        '2025-01-01T00:00:00', 'import', '2025-01-01T00:00:00', 1);
                INSERT INTO ModelVersions (ModelId, Number, Stage, Description, CreatedAt, CreatedBy, Framework, Tags)
                VALUES (1, 1, 'Development', 'baseline', '2025-01-01T00:00:00', 'import', 'sklearn 1.5', '[]');
                INSERT INTO Datasets (Name, Description, Owner, CreatedAt, CreatedBy)
                VALUES ('legacy-customers', 'Customer table snapshot.', 'growth', '2025-01-01T00:00:00', 'import');
                """);
        }
        SqliteConnection.ClearAllPools();

        var tagged = Connection(await host.SearchAsync("retention"));
        var legacy = Connection(await host.SearchAsync("legacy", first: 10));

        Assert.Equal("legacy-churn-model", tagged.GetProperty("edges")[0].GetProperty("node").GetProperty("name").GetString());
        Assert.Equal(
            ["Dataset", "Model", "ModelVersion"],
            legacy.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("__typename").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task Consumer_applications_and_dataset_versions_written_before_they_were_indexed_are_found_after_upgrading()
    {
        await using var host = new SearchRegistryHost();
        await using (var db = OpenDatabase(host.DatabaseFile))
        {
            await db.GetService<IMigrator>().MigrateAsync("AddArtifacts");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO ConsumerApplications (Name, Owner, CreatedAt) VALUES ('legacy-harbour-app', 'ports', '2025-01-01T00:00:00');
                INSERT INTO Datasets (Name, Description, Owner, CreatedAt, CreatedBy)
                VALUES ('harbour-traffic', 'Vessel counts.', 'ports', '2025-01-01T00:00:00', 'import');
                INSERT INTO DatasetVersions (DatasetId, Version, Uri, Sha256, RowCount, CreatedAt, CreatedBy)
                VALUES (1, 'legacy-2024', NULL, NULL, 10, '2025-01-01T00:00:00', 'import');
                """);
        }
        SqliteConnection.ClearAllPools();

        var legacy = Connection(await host.SearchAsync("legacy", first: 10));
        var byDataset = Connection(await host.SearchAsync("harbour", first: 10, types: ["DATASET_VERSION"]));

        Assert.Equal(
            ["ConsumerApplication", "DatasetVersion"],
            legacy.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("__typename").GetString()!).Order().ToArray());
        Assert.Equal("legacy-2024", byDataset.GetProperty("edges")[0].GetProperty("node").GetProperty("version").GetString());
    }

    [Fact]
    public async Task The_demo_organisation_is_searchable_after_seeding()
    {
        await using var host = new SearchRegistryHost().With("Registry:Seed", "demo");

        var page = Connection(await host.SearchAsync("fraud"));

        var first = page.GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("Model", first.GetProperty("__typename").GetString());
        Assert.Equal("fraud-detector", first.GetProperty("name").GetString());
    }

    private static RegistryDbContext OpenDatabase(string file)
        => new(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={file}").Options,
            ReadVisibilityHolder.Unfiltered());
}
