using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Api.Jobs;

/// <summary>Background job settings (section "Registry:Jobs").</summary>
public sealed class JobSettings
{
    /// <summary>In-process job storage, lost with the process: the embedded default.</summary>
    public const string InMemory = "InMemory";

    /// <summary>Job storage in the registry's PostgreSQL database, shared by every replica.</summary>
    public const string Postgres = "Postgres";

    /// <summary>The schema that holds Hangfire's tables, apart from the registry's own.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>Job storage: <see cref="InMemory"/> (embedded default) or <see cref="Postgres"/>.</summary>
    public string Storage { get; set; } = InMemory;

    /// <summary>When the audit chain is verified (cron, UTC); nightly at 02:00 by default.</summary>
    public string AuditVerificationCron { get; set; } = "0 2 * * *";

    /// <summary>Hangfire workers; the jobs are few and short, so two keep the host light.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Minutes a dashboard sign-in (<c>/hangfire/sign-in</c>) lasts, 1 to 60; 30 by default.</summary>
    public int DashboardSessionMinutes { get; set; } = 30;

    /// <summary>Reads the section, falling back to the defaults.</summary>
    public static JobSettings From(IConfiguration configuration)
        => configuration.GetSection("Registry:Jobs").Get<JobSettings>() ?? new JobSettings();

    /// <summary>
    /// The job storage the settings name; refuses names this build cannot serve, and Postgres storage for a registry not on
    /// PostgreSQL, at start-up rather than at the first job.
    /// </summary>
    public JobStorage CreateStorage(RegistryPersistenceOptions persistence)
    {
        if (string.Equals(Storage, InMemory, StringComparison.OrdinalIgnoreCase))
            return new Hangfire.InMemory.InMemoryStorage();
        if (!string.Equals(Storage, Postgres, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"Registry:Jobs:Storage (environment variable Registry__Jobs__Storage) is '{Storage}', but no such job storage exists. Accepted values: {InMemory}, {Postgres}.");
        if (!persistence.IsPostgres)
            throw new InvalidOperationException(
                $"Registry:Jobs:Storage is {Postgres}, which keeps jobs in the registry's PostgreSQL database, but Registry:Database:Provider is not Postgres. " +
                $"Set Registry__Database__Provider=Postgres with ConnectionStrings__Registry, or use Registry__Jobs__Storage={InMemory}.");
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            // Workers poll their queues; Hangfire's 15 s default would hold a webhook delivery or a sweep's deployment job
            // that long after it was enqueued. A one-second poll per worker is a cheap indexed query.
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(persistence.ResolvePostgresConnectionString(), options), options);
    }
}
