using ModelRegistry.Api.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Persistence;

/// <summary>
/// The migration history tells the truth: the model needs no migration that is missing, each migration's designer describes
/// the schema that migration leaves behind, and the latest designer holds the model the snapshot holds. EF builds the next
/// migration from the snapshot and rebuilds SQLite tables from designers, so a designer that lies corrupts later migrations.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class MigrationHistoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-migrations", Guid.NewGuid().ToString("N"));

    /// <summary>Every provider the registry runs on; each gets the pending-changes check.</summary>
    public static TheoryData<string> Providers => [RegistryDatabaseProvider.Sqlite, RegistryDatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_model_has_no_changes_that_lack_a_migration(string provider)
    {
        using var services = new ServiceCollection().AddLogging()
            .AddRegistryInfrastructure(new RegistryPersistenceOptions
            {
                Provider = provider,
                DataDirectory = _directory,
                // Never opened: the check compares the model with the provider's migration snapshot.
                ConnectionString = provider == RegistryDatabaseProvider.Postgres ? "Host=127.0.0.1;Database=never_opened" : null,
            })
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        var pending = db.Database.HasPendingModelChanges();

        Assert.False(pending, pending
            ? "The model differs from the snapshot; add a migration: " + Describe(db.GetService<IMigrationsModelDiffer>().GetDifferences(
                Relational(db, db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model), db.GetService<IDesignTimeModel>().Model.GetRelationalModel()))
            : "");
    }

    [Fact]
    public async Task Each_migrations_designer_describes_the_schema_that_migration_leaves()
    {
        Directory.CreateDirectory(_directory);
        await using var db = OpenSqlite(Path.Combine(_directory, "registry.db"));
        var migrations = db.GetService<IMigrationsAssembly>();
        var mismatches = new List<string>();

        foreach (var (id, type) in migrations.Migrations)
        {
            await db.GetService<IMigrator>().MigrateAsync(id);
            var designer = migrations.CreateMigration(type, db.Database.ProviderName!).TargetModel!;
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            var actual = await SqliteSchema.OfAsync(connection);
            await connection.CloseAsync();
            mismatches.AddRange(SqliteSchema.Differences(SqliteSchema.Of(Relational(db, designer)), actual).Select(d => $"{id}: {d}"));
        }

        Assert.True(mismatches.Count == 0,
            "Designer (-) and migrated database (+) disagree:" + Environment.NewLine + string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void The_latest_migrations_designer_holds_the_model_of_the_snapshot()
    {
        using var db = OpenSqlite(Path.Combine(_directory, "registry.db"));
        var migrations = db.GetService<IMigrationsAssembly>();
        var (id, latest) = migrations.Migrations.Last();

        var differences = Differences(db, migrations.CreateMigration(latest, db.Database.ProviderName!).TargetModel!, migrations.ModelSnapshot!.Model);

        Assert.True(differences.Count == 0, $"{id}'s designer differs from the snapshot: {Describe(differences)}");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static RegistryDbContext OpenSqlite(string file)
        => new(new DbContextOptionsBuilder<RegistryDbContext>().UseSqlite($"Data Source={file}").Options, ReadVisibilityHolder.Unfiltered());

    // Designers and the snapshot are built as raw models; EF finalizes them this way before it diffs or migrates with them.
    private static IRelationalModel Relational(DbContext db, IModel model)
    {
        if (model is IMutableModel mutable)
            model = mutable.FinalizeModel();
        return db.GetService<IModelRuntimeInitializer>().Initialize(model, designTime: true).GetRelationalModel();
    }

    private static IReadOnlyList<MigrationOperation> Differences(DbContext db, IModel from, IModel to)
        => db.GetService<IMigrationsModelDiffer>().GetDifferences(Relational(db, from), Relational(db, to));

    private static string Describe(IEnumerable<MigrationOperation> operations)
        => string.Join("; ", operations.Select(operation => operation switch
        {
            CreateTableOperation t => $"create table {t.Name}",
            DropTableOperation t => $"drop table {t.Name}",
            AddColumnOperation c => $"add column {c.Table}.{c.Name}",
            DropColumnOperation c => $"drop column {c.Table}.{c.Name}",
            AlterColumnOperation c => $"alter column {c.Table}.{c.Name}",
            CreateIndexOperation i => $"create index {i.Name}",
            DropIndexOperation i => $"drop index {i.Name}",
            AddForeignKeyOperation f => $"add foreign key {f.Name}",
            DropForeignKeyOperation f => $"drop foreign key {f.Name}",
            _ => operation.GetType().Name,
        }));
}
