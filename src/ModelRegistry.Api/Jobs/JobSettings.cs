using Hangfire;

namespace ModelRegistry.Api.Jobs;

/// <summary>Background job settings (section "Registry:Jobs").</summary>
public sealed class JobSettings
{
    /// <summary>Job storage: <c>InMemory</c> (embedded default).</summary>
    public string Storage { get; set; } = "InMemory";

    /// <summary>When the audit chain is verified (cron, UTC); nightly at 02:00 by default.</summary>
    public string AuditVerificationCron { get; set; } = "0 2 * * *";

    /// <summary>Hangfire workers; the jobs are few and short, so two keep the host light.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>Minutes a dashboard sign-in (<c>/hangfire/sign-in</c>) lasts, 1 to 60; 30 by default.</summary>
    public int DashboardSessionMinutes { get; set; } = 30;

    /// <summary>Reads the section, falling back to the defaults.</summary>
    public static JobSettings From(IConfiguration configuration)
        => configuration.GetSection("Registry:Jobs").Get<JobSettings>() ?? new JobSettings();

    /// <summary>The job storage the settings name; refuses names this build cannot serve, at start-up rather than at the first job.</summary>
    public JobStorage CreateStorage()
        => string.Equals(Storage, "InMemory", StringComparison.OrdinalIgnoreCase)
            ? new Hangfire.InMemory.InMemoryStorage()
            : throw new InvalidOperationException($"Registry:Jobs:Storage '{Storage}' is not available in this build; use 'InMemory'.");
}
