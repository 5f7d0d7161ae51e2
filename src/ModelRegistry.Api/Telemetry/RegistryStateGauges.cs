using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Infrastructure.Persistence;
using ModelRegistry.Api.Webhooks;
using Prometheus;

namespace ModelRegistry.Api.Telemetry;

/// <summary>
/// Gauges read from the database when Prometheus scrapes, so they hold across restarts and replicas: the audit sequence
/// head, monitoring windows by drift status, drift alerts by status with the age of the oldest open one, and the age of
/// the oldest event a webhook still waits for. A scrape within <see cref="Freshness"/> of the last reuses its numbers.
/// </summary>
public sealed class RegistryStateGauges
{
    /// <summary>How long one reading serves.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly WebhookSettings _webhooks;
    private readonly ILogger<RegistryStateGauges> _logger;
    private readonly Gauge _auditHead;
    private readonly Gauge _windows;
    private readonly Gauge _alerts;
    private readonly Gauge _oldestOpenAlert;
    private readonly Gauge _webhookBacklog;
    private readonly Gauge _up;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>Registers the gauges in <paramref name="registry"/>, read before each collection.</summary>
    public RegistryStateGauges(CollectorRegistry registry, IServiceScopeFactory scopes, TimeProvider clock, WebhookSettings webhooks, ILogger<RegistryStateGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _webhooks = webhooks;
        _logger = logger;
        var factory = Metrics.WithCustomRegistry(registry);
        _auditHead = factory.CreateGauge("registry_audit_sequence_head", "The sequence of the newest audit event.");
        _windows = factory.CreateGauge("registry_drift_windows", "Stored monitoring windows, by drift status.", "status");
        _alerts = factory.CreateGauge("registry_drift_alerts", "Drift alerts, by status (open, acknowledged, resolved).", "status");
        _oldestOpenAlert = factory.CreateGauge("registry_drift_alert_oldest_open_age_seconds",
            "Age of the oldest drift alert nobody has acknowledged yet; 0 when none is open.");
        _webhookBacklog = factory.CreateGauge("registry_webhook_oldest_undelivered_age_seconds",
            "Age of the oldest event an active webhook still waits for (neither delivered nor given up); 0 when none waits.");
        _up = factory.CreateGauge("registry_state_read_ok", "1 when the last scrape could read the registry's state from the database, else 0.");
        registry.AddBeforeCollectCallback(ReadAsync);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = _clock.GetUtcNow();
            if (now - _readAt < Freshness)
                return;
            await using var scope = _scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            _auditHead.Set(await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0);
            var windows = await db.MonitoringWindows.GroupBy(w => w.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            foreach (var status in Enum.GetValues<DriftStatus>())
                _windows.WithLabels(status.ToString().ToLowerInvariant()).Set(windows.FirstOrDefault(w => w.Key == status)?.Count ?? 0);
            var alerts = await db.DriftAlerts.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            foreach (var status in Enum.GetValues<DriftAlertStatus>())
                _alerts.WithLabels(status.ToString().ToLowerInvariant()).Set(alerts.FirstOrDefault(a => a.Key == status)?.Count ?? 0);
            var oldestOpen = await db.DriftAlerts.Where(a => a.Status == DriftAlertStatus.Open).MinAsync(a => (DateTime?)a.DetectedAt, cancellationToken);
            _oldestOpenAlert.Set(AgeSeconds(oldestOpen, now));
            var waiting = await WebhookBacklog.OldestUndeliveredAsync(db, _webhooks, cancellationToken);
            _webhookBacklog.Set(AgeSeconds(waiting, now));
            _up.Set(1);
            _readAt = now;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The scrape still serves the process metrics; the stale state is flagged rather than failing the whole scrape.
            _logger.LogWarning("Reading the registry's state for /metrics failed: {Reason}", failure.Message);
            _up.Set(0);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static double AgeSeconds(DateTime? since, DateTimeOffset now)
        => since is { } at ? Math.Max(0, (now.UtcDateTime - DateTime.SpecifyKind(at, DateTimeKind.Utc)).TotalSeconds) : 0;
}
