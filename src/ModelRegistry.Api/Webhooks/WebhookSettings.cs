namespace ModelRegistry.Api.Webhooks;

/// <summary>Webhook delivery settings (section "Registry:Webhooks").</summary>
public sealed class WebhookSettings
{
    /// <summary>The Hangfire queue webhook jobs run on, served by a server of their own.</summary>
    public const string Queue = "webhooks";

    /// <summary>How long one delivery may take before it counts as failed, in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per event and webhook, the first included; the last failure is final.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The retry delays when none are configured: 10 s, 1 min, 5 min, 15 min.</summary>
    public static readonly IReadOnlyList<int> DefaultRetryDelays = [10, 60, 300, 900];

    /// <summary>
    /// Seconds to wait before each retry (the last value repeats when there are more retries than values; at least 1 s,
    /// so a retry always passes through Hangfire's schedule and keeps its queue); <see cref="DefaultRetryDelays"/> when unset.
    /// </summary>
    public int[]? RetryDelaysSeconds { get; set; }

    /// <summary>When the catch-up job looks for events that were committed but never settled (cron, UTC); every minute by default.</summary>
    public string CatchUpCron { get; set; } = "* * * * *";

    /// <summary>
    /// How long an unsettled event must have been quiet before the catch-up job enqueues it again, in seconds: from its
    /// commit when it has no attempt yet, from its last attempt plus the longest retry delay otherwise.
    /// </summary>
    public double CatchUpGraceSeconds { get; set; } = 120;

    /// <summary>Most events the catch-up job examines per webhook and run.</summary>
    public int CatchUpBatchSize { get; set; } = 1000;

    /// <summary>Whether plain http is accepted for non-loopback receivers (https is always accepted).</summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>Where the key ring that encrypts signing secrets lives; when unset, the database on PostgreSQL, <c>&lt;DataDirectory&gt;/keys</c> on SQLite.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>Workers of the webhook server; deliveries wait on remote receivers, so they get workers of their own.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often scheduled retries are picked up, in seconds.</summary>
    public double SchedulePollingSeconds { get; set; } = 5;

    /// <summary>Reads the section, falling back to the defaults.</summary>
    public static WebhookSettings From(IConfiguration configuration)
        => configuration.GetSection("Registry:Webhooks").Get<WebhookSettings>() ?? new WebhookSettings();

    /// <summary>The delay before retry <paramref name="retry"/> (1-based), in seconds.</summary>
    public int RetryDelay(int retry) => Math.Max(1, Delays[Math.Clamp(retry - 1, 0, Delays.Count - 1)]);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan LongestRetryDelay => TimeSpan.FromSeconds(Math.Max(1, Delays.Max()));

    private IReadOnlyList<int> Delays => RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelays;
}
