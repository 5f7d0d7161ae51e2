using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Monitoring;

/// <summary>
/// Input of <see cref="RecordMonitoringWindow"/>: what the metrics source answered per feature (absent = not read), or,
/// in <paramref name="Unavailable"/>, why it could not answer at all.
/// </summary>
public sealed record RecordMonitoringWindowCommand(
    long DeploymentId, DateTime WindowEnd, IReadOnlyDictionary<string, IReadOnlyList<LiveSample>> Samples, string? Unavailable = null);

/// <summary>
/// Stores one evaluated window of a deployment, raises alerts for newly drifting features and resolves alerts that have been
/// healthy long enough. Idempotent: a window already stored for (deployment, window end) is returned as it is, and nothing
/// else is written, so a retried job never doubles a window or an alert. The one exception is a window stored while the
/// metrics source was unavailable (all UNKNOWN, no alerts): a later run with data fills that same row in.
/// </summary>
public sealed class RecordMonitoringWindow(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<MonitoringWindow>> ExecuteAsync(RecordMonitoringWindowCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<MonitoringWindow>(async w =>
        {
            var deployment = await w.Db.Deployments.Include(d => d.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(d => d.Id == command.DeploymentId, cancellationToken);
            var notFound = DomainError.NotFound("The deployment", "deploymentId");
            if (deployment is null)
                return notFound;
            if (await w.RequireAsync(Role.Deployer, AccessScope.Of(deployment.ModelVersion!.Model!), "record monitoring windows of this model", notFound, cancellationToken) is { } denied)
                return denied;
            var binding = await w.Db.MonitoringBindings.AsNoTracking().FirstOrDefaultAsync(b => b.DeploymentId == deployment.Id, cancellationToken);
            if (binding is null || !PrometheusDuration.TryParse(binding.Window, out var window))
                return DomainError.Invalid("The deployment has no monitoring binding.", "deploymentId");
            var windowEnd = DateTime.SpecifyKind(command.WindowEnd, DateTimeKind.Utc);
            var existing = await w.Db.MonitoringWindows
                .FirstOrDefaultAsync(m => m.DeploymentId == deployment.Id && m.WindowEnd == windowEnd, cancellationToken);
            if (existing is not null && (!existing.SourceUnavailable || command.Unavailable is not null))
                return existing;

            var baselines = await w.Db.FeatureBaselines.AsNoTracking().Where(b => b.ModelVersionId == deployment.ModelVersionId)
                .OrderBy(b => b.Ordinal).ToListAsync(cancellationToken);
            var features = baselines.Select(b =>
            {
                if (command.Unavailable is not null)
                    return new FeatureDrift(b.Feature, null, null, null, null, DriftStatus.Unknown, command.Unavailable);
                var (warning, drift) = binding.ThresholdsFor(b.Feature);
                return FeatureEvaluation.Evaluate(b, command.Samples.GetValueOrDefault(b.Feature), warning, drift);
            }).ToList();
            var result = existing ?? new MonitoringWindow { DeploymentId = deployment.Id, WindowEnd = windowEnd };
            result.ModelVersionId = deployment.ModelVersionId;
            result.WindowStart = windowEnd - window;
            result.Status = DriftSeverity.Worst(features.Select(f => f.Status));
            result.Features = features;
            result.EvaluatedAt = w.Now;
            result.SourceUnavailable = command.Unavailable is not null;
            if (existing is null)
                w.Db.MonitoringWindows.Add(result);
            if (!result.SourceUnavailable)
                await UpdateAlertsAsync(w, deployment, binding, result, cancellationToken);
            return result;
        }, cancellationToken);

    private static async Task UpdateAlertsAsync(WriteScope w, Deployment deployment, MonitoringBinding binding, MonitoringWindow window, CancellationToken cancellationToken)
    {
        var live = await w.Db.DriftAlerts
            .Where(a => a.DeploymentId == deployment.Id && a.Status != DriftAlertStatus.Resolved).ToListAsync(cancellationToken);
        var raised = new List<DriftAlert>();
        foreach (var feature in window.Features)
        {
            var alert = live.FirstOrDefault(a => a.Feature == feature.Feature);
            if (alert is null && feature.Status == DriftStatus.Drifting)
            {
                alert = new DriftAlert
                {
                    DeploymentId = deployment.Id, ModelVersionId = deployment.ModelVersionId, ModelId = deployment.ModelVersion!.ModelId,
                    Feature = feature.Feature, Metric = "psi", Value = feature.Psi!.Value, Threshold = binding.ThresholdsFor(feature.Feature).Drift,
                    Status = DriftAlertStatus.Open, DetectedAt = w.Now, WindowEnd = window.WindowEnd,
                    Consumers = [.. await ConsumersAsync(w, deployment.Id, cancellationToken)],
                };
                w.Db.DriftAlerts.Add(alert);
                raised.Add(alert);
                continue;
            }
            if (alert is null)
                continue;
            // An unmeasured window neither proves health nor renews the drift, so it leaves the streak alone.
            alert.HealthyStreak = feature.Status switch
            {
                DriftStatus.None => alert.HealthyStreak + 1,
                DriftStatus.Unknown => alert.HealthyStreak,
                _ => 0,
            };
            if (alert.HealthyStreak >= binding.HealthyWindowsToResolve)
            {
                alert.Status = DriftAlertStatus.Resolved;
                alert.ResolvedAt = w.Now;
                w.Audit(EventTypes.DriftAlertResolved, nameof(DriftAlert), alert.Id, alert.ModelId,
                    new DriftAlertResolved(alert.Feature, alert.HealthyStreak, window.WindowEnd));
            }
        }
        if (raised.Count == 0)
            return;
        await w.Db.SaveChangesAsync(cancellationToken);
        foreach (var alert in raised)
            w.Audit(EventTypes.DriftDetected, nameof(DriftAlert), alert.Id, alert.ModelId, new DriftDetected(
                alert.DeploymentId, alert.ModelVersionId, deployment.Environment, alert.Feature, alert.Metric, alert.Value, alert.Threshold,
                window.WindowEnd, alert.Consumers));
    }

    private static Task<List<string>> ConsumersAsync(WriteScope w, long deploymentId, CancellationToken cancellationToken)
        => (from e in w.Db.LineageEdges
            join a in w.Db.ConsumerApplications on e.TargetId equals a.Id
            where e.Relation == LineageRelation.ConsumedBy && e.ValidTo == null && e.SourceId == deploymentId
                  && e.SourceKind == LineageNodeKind.Deployment && e.TargetKind == LineageNodeKind.ConsumerApplication
            orderby a.Name
            select a.Name).ToListAsync(cancellationToken);
}
