using ModelRegistry.Api.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Search;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;
using static ModelRegistry.Api.Tests.Search.SearchClient;

namespace ModelRegistry.Api.Tests.Persistence;

/// <summary>
/// A data directory written by the registry as main stood at commit e6b9f28 (see PreviousMain/README.md): its registry.db
/// with a model, a version, a dataset and dataset version, a deployment and a consumer application, and the audit anchor
/// key and head that go with it. Today's registry must start on it, migrate it forward and keep searching it.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class PreviousMainUpgradeTests
{
    private static readonly string FixtureDirectory = Path.Combine(RepositoryFiles.Root, "tests", "ModelRegistry.Api.Tests", "Persistence", "PreviousMain");

    [Fact]
    public async Task A_registry_written_by_the_previous_main_starts_finds_its_rows_and_indexes_new_writes()
    {
        await using var host = new SearchRegistryHost();
        CopyFixture(host.DataDirectory);

        var old = Connection(await host.SearchAsync("harbour", first: 10));
        var consumer = Connection(await host.SearchAsync("planner", first: 10));
        var modelId = old.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .Single(n => n.GetProperty("__typename").GetString() == "Model").GetProperty("id").GetString()!;
        await host.CreateVersionAsync(modelId, description: "second cut after the upgrade");
        var added = Connection(await host.SearchAsync("harbour v2", first: 10));

        Assert.Equal(
            ["Dataset", "DatasetVersion", "Deployment", "Model", "ModelVersion"],
            old.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("__typename").GetString()!).Order().ToArray());
        Assert.Equal("berth-planner", consumer.GetProperty("edges")[0].GetProperty("node").GetProperty("name").GetString());
        var version = added.GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("ModelVersion", version.GetProperty("__typename").GetString());
        Assert.Equal(2, version.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task A_database_of_the_previous_main_migrated_forward_has_exactly_the_schema_of_a_new_one()
    {
        var directory = Path.Combine(Path.GetTempPath(), "model-registry-upgrade", Guid.NewGuid().ToString("N"));
        CopyFixture(directory);
        var upgraded = Path.Combine(directory, "registry.db");
        var fresh = Path.Combine(directory, "fresh.db");
        try
        {
            await MigrateAsync(upgraded);
            await MigrateAsync(fresh);

            var expected = await SchemaObjectsAsync(fresh);
            var actual = await SchemaObjectsAsync(upgraded);

            Assert.True(expected.SetEquals(actual),
                "An upgraded database differs from a new one (- new only, + upgraded only):" + Environment.NewLine
                + string.Join(Environment.NewLine, SqliteSchema.Differences(expected, actual)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void CopyFixture(string dataDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(FixtureDirectory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dataDirectory, Path.GetRelativePath(FixtureDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static async Task MigrateAsync(string file)
    {
        await using var db = new RegistryDbContext(
            new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={file}").Options, ReadVisibilityHolder.Unfiltered());
        await db.GetService<IMigrator>().MigrateAsync();
    }

    // Every table, index, view and trigger with the statement that created it, and the migrations recorded as applied.
    // The statements are compared as text: the search index's views and triggers were written by raw SQL in migrations,
    // and a migration that changed after it shipped would give new databases different text from upgraded ones.
    private static async Task<SortedSet<string>> SchemaObjectsAsync(string file)
    {
        var objects = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'
            UNION ALL SELECT 'applied ' || MigrationId FROM __EFMigrationsHistory
            """;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            objects.Add(reader.GetString(0));
        return objects;
    }
}
