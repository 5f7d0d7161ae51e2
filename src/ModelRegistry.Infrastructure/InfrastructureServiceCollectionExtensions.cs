using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Core.Writes;
using ModelRegistry.Infrastructure.Events;
using ModelRegistry.Infrastructure.Lineage;
using ModelRegistry.Infrastructure.Persistence;
using ModelRegistry.Infrastructure.Postgres;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Infrastructure;

/// <summary>Registers persistence, the write path, the event bus and the use cases.</summary>
public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Adds the registry on the provider <see cref="RegistryPersistenceOptions.Provider"/> names (SQLite, embedded, by default).</summary>
    /// <exception cref="InvalidOperationException">The configured provider is not one this build can serve.</exception>
    public static IServiceCollection AddRegistryInfrastructure(this IServiceCollection services, RegistryPersistenceOptions options)
    {
        // Checked before anything is registered, so a provider this build cannot serve stops start-up instead of
        // surfacing as a failed request later.
        options.Provider = RegistryDatabaseProvider.Resolve(options.Provider);
        services.AddSingleton(options);
        if (options.IsPostgres)
            AddPostgres(services, options);
        else
            AddSqlite(services, options);
        services.AddScoped<IRegistryDbContext>(sp => sp.GetRequiredService<RegistryDbContext>());
        var anchorKeyPath = options.ResolveAuditAnchorKeyPath();
        services.AddSingleton(_ => AuditAnchor.LoadOrCreate(anchorKeyPath, options.ResolveAuditAnchorPath()));
        services.AddSingleton<InProcessEventBus>();
        services.AddSingleton<IEventDelivery>(sp => sp.GetRequiredService<InProcessEventBus>());
        services.AddSingleton<TimeProvider>(MicrosecondClock.SystemMicroseconds);
        services.AddSingleton<RegistryMetrics>();
        services.AddScoped<ReadVisibilityHolder>();
        services.AddScoped<AccessControl>();
        services.AddScoped<AuditVerifier>().AddScoped<StateVerifier>().AddScoped<AuditExport>();
        services.AddScoped<StatedReason>().AddScoped<RegistryWriter>();
        services.AddScoped<DecidePromotion>().AddScoped<SetPromotionPolicy>().AddScoped<SetDeploymentPolicy>().AddScoped<ManageApiKeys>().AddScoped<ManageRoles>();
        services.AddScoped<RegisterModel>().AddScoped<UpdateModel>().AddScoped<SetModelAlias>();
        services.AddScoped<RenameModel>().AddScoped<DeleteModel>().AddScoped<DeleteModelVersion>().AddScoped<UpdateModelVersion>()
            .AddScoped<RemoveModelAlias>().AddScoped<SetKeyValueTag>().AddScoped<DeleteKeyValueTag>();
        services.AddScoped<CreateModelVersion>().AddScoped<PromoteModelVersion>().AddScoped<RestoreModelVersion>();
        services.AddScoped<RegisterDataset>().AddScoped<CreateDatasetVersion>();
        services.AddScoped<AddLineageEdge>().AddScoped<CloseLineageEdge>();
        services.AddScoped<RecordDeployment>().AddScoped<UpdateDeploymentStatus>();
        services.AddScoped<ManageWebhooks>();
        services.AddScoped<LineageWalker>().AddScoped<StateHistory>();
        services.AddScoped<RegistrySearch>();
        services.AddScoped<SetBaselineProfile>().AddScoped<ConfigureMonitoring>().AddScoped<RecordMonitoringWindow>().AddScoped<AcknowledgeDriftAlert>();
        return services;
    }

    private static void AddSqlite(IServiceCollection services, RegistryPersistenceOptions options)
    {
        var connectionString = options.ResolveSqliteConnectionString();
        services.AddDbContext<RegistryDbContext>(o => o
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new SqlitePragmaInterceptor(), new CommandTracingInterceptor("sqlite")));
        services.AddSingleton<IWriteLock, ProcessWriteLock>();
        services.AddScoped<IAuditHeadMarker, SqliteAuditHeadMarker>();
        services.AddSingleton<ILineageSqlDialect, SqliteLineageSqlDialect>();
        services.AddSingleton<ISearchSqlDialect, SqliteSearchSqlDialect>();
        services.AddSingleton<ILikeDialect, SqliteLikeDialect>();
        services.AddSingleton<IStartupLock, ProcessStartupLock>();
        services.AddSingleton<IRegistryEventBus>(sp => new LocalEventBus(sp.GetRequiredService<IEventDelivery>()));
    }

    private static void AddPostgres(IServiceCollection services, RegistryPersistenceOptions options)
    {
        var connectionString = options.ResolvePostgresConnectionString();
        services.AddDbContext<RegistryDbContext, PostgresRegistryDbContext>(o => o
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__EFMigrationsHistory"))
            .AddInterceptors(new CommandTracingInterceptor("postgresql")));
        services.AddSingleton<IWriteLock, PostgresWriteLock>();
        services.AddScoped<IAuditHeadMarker, PostgresAuditHeadMarker>();
        services.AddSingleton<ILineageSqlDialect, PostgresLineageSqlDialect>();
        services.AddSingleton<ISearchSqlDialect, PostgresSearchSqlDialect>();
        services.AddSingleton<ILikeDialect, PostgresLikeDialect>();
        services.AddSingleton<IStartupLock>(_ => new PostgresStartupLock(connectionString));
        services.AddSingleton<PostgresEventRelay>();
        services.AddSingleton<IRegistryEventBus>(sp => sp.GetRequiredService<PostgresEventRelay>());
        // The Data Protection key ring is stored through the concrete context type.
        services.AddScoped(sp => (PostgresRegistryDbContext)sp.GetRequiredService<RegistryDbContext>());
        services.AddSingleton(new SharedSecrets(connectionString));
    }

    /// <summary>Applies pending migrations and switches the database to WAL (persistent for the file).</summary>
    public static async Task MigrateRegistryAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetFullPath(services.GetRequiredService<RegistryPersistenceOptions>().DataDirectory));
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            // Without statistics SQLite's planner picks poor indexes on large tables (e.g. scanning every CONSUMED_BY
            // edge); a bounded ANALYZE at start-up keeps plans sane at the cost of a moment on big databases.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; ANALYZE;", cancellationToken);
        }
        else
        {
            // PostgreSQL's autovacuum keeps statistics afterwards, but only once enough rows changed; a database just
            // migrated or restored would be planned blind until then. ANALYZE samples (300 x statistics target rows per
            // table), so it stays quick on large databases.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
        }
        await AuditAnchoring.PrepareAsync(db, scope.ServiceProvider.GetRequiredService<AuditAnchor>(), scope.ServiceProvider.GetRequiredService<IAuditHeadMarker>(),
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditAnchoring)), cancellationToken);
        if (services.GetService<PostgresEventRelay>() is { } relay)
            await relay.InitializeAsync(cancellationToken);
    }
}
