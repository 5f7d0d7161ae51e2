using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// Evaluates one window of one deployment: reads every baseline feature from Prometheus at the window end and records the
/// window through <see cref="RecordMonitoringWindow"/>. Idempotent, as Hangfire runs a job at least once: a window already
/// stored (with data) is left alone without querying. When Prometheus cannot answer, the window is stored as UNKNOWN with
/// the reason (no alert) and the job throws so Hangfire retries it with back-off; a retry that gets data fills that row in.
/// </summary>
public sealed class DeploymentMonitoringJob(
    RequestPrincipal principal, ReadVisibilityHolder visibility, RegistryDbContext db, IMetricsSource metrics,
    RecordMonitoringWindow record, ILogger<DeploymentMonitoringJob> logger)
{
    /// <summary>The principal the job writes as.</summary>
    public const string Actor = "drift-monitor";

    /// <summary>Runs the job; returns the window's status, or null when the deployment is not monitored.</summary>
    public async Task<DriftStatus?> RunAsync(long deploymentId, DateTime windowEnd, CancellationToken cancellationToken)
    {
        principal.Principal = RegistryPrincipal.SystemNamed(Actor);
        visibility.ForSystem();
        windowEnd = DateTime.SpecifyKind(windowEnd.ToUniversalTime(), DateTimeKind.Utc);
        var binding = await db.MonitoringBindings.AsNoTracking().FirstOrDefaultAsync(b => b.DeploymentId == deploymentId, cancellationToken);
        var versionId = await db.Deployments.Where(d => d.Id == deploymentId).Select(d => (long?)d.ModelVersionId).FirstOrDefaultAsync(cancellationToken);
        if (binding is null || versionId is null)
        {
            logger.LogInformation("Deployment {DeploymentId} is not monitored; nothing to evaluate.", deploymentId);
            return null;
        }
        var stored = await db.MonitoringWindows.AsNoTracking()
            .Where(w => w.DeploymentId == deploymentId && w.WindowEnd == windowEnd && !w.SourceUnavailable)
            .Select(w => (DriftStatus?)w.Status).FirstOrDefaultAsync(cancellationToken);
        if (stored is not null)
            return stored;

        var baselines = await db.FeatureBaselines.AsNoTracking().Where(b => b.ModelVersionId == versionId).ToListAsync(cancellationToken);
        var samples = new Dictionary<string, IReadOnlyList<LiveSample>>(StringComparer.Ordinal);
        MetricsUnavailableException? failure = null;
        try
        {
            // One query for the histogram features and one for the categorical ones, whatever their number.
            foreach (var kind in baselines.GroupBy(b => b.IsCategorical))
            {
                var answer = await metrics.ReadAsync(new MetricsQuery(binding.PrometheusUrl, binding.Selector, binding.FeatureHistogramMetric,
                    kind.Select(b => b.Feature).ToList(), kind.Key, binding.Window, windowEnd), cancellationToken);
                foreach (var (feature, list) in answer)
                    samples[feature] = list;
            }
        }
        catch (MetricsUnavailableException e)
        {
            failure = e;
        }

        var result = await record.ExecuteAsync(
            new RecordMonitoringWindowCommand(deploymentId, windowEnd, samples, failure is null ? null : "Metrics source unavailable: " + failure.Message),
            cancellationToken);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"The window of deployment {deploymentId} at {windowEnd:O} was refused: {result.Error!.Message}");
        var window = result.Value!;
        foreach (var feature in window.Features.Where(f => f.Status == DriftStatus.Unknown))
            logger.LogWarning("Deployment {DeploymentId}, window {WindowEnd:O}, feature {Feature} is UNKNOWN: {Reason}",
                deploymentId, windowEnd, feature.Feature, feature.Reason);
        if (failure is not null)
            throw failure;
        return window.Status;
    }
}
