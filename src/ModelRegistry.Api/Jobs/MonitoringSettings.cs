namespace ModelRegistry.Api.Jobs;

/// <summary>Drift monitoring settings (section "Registry:Monitoring").</summary>
public sealed class MonitoringSettings
{
    /// <summary>When the sweep enqueues one job per monitored ACTIVE deployment (cron, UTC); every 5 minutes by default.</summary>
    public string Schedule { get; set; } = "*/5 * * * *";

    /// <summary>How often a failed deployment job is retried before it stays FAILED.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Seconds before each retry (the last value repeats); backs off from 30 s to 10 min.</summary>
    public int[] RetryDelaysSeconds { get; set; } = [30, 120, 600];

    /// <summary>Timeout of one Prometheus query, in seconds.</summary>
    public int QueryTimeoutSeconds { get; set; } = 30;

    /// <summary>Hosts a monitoring binding may query (see <see cref="Core.Monitoring.PrometheusHostPolicy"/>); none means loopback only.</summary>
    public string[] AllowedPrometheusHosts { get; set; } = [];

    /// <summary>Reads the section, falling back to the defaults.</summary>
    public static MonitoringSettings From(IConfiguration configuration)
        => configuration.GetSection("Registry:Monitoring").Get<MonitoringSettings>() ?? new MonitoringSettings();
}
