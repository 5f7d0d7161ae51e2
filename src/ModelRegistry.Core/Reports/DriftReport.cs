using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// The drift section of a report: every monitored deployment of the model, its windows, and its alerts. The overall
/// status is the worst latest-window status over ACTIVE monitored deployments, and never better than WARNING while an
/// alert is unresolved: a missing window is not evidence that the drift went away.
/// </summary>
public static class DriftReport
{
    /// <summary>What the report says when no deployment of the model has a monitoring binding.</summary>
    public const string NotMonitored = "NOT_MONITORED";

    /// <summary>Gathers the section for the model's deployments (<paramref name="deployments"/>, by key) and versions.</summary>
    public static async Task<DriftSection> GatherAsync(
        IRegistryDbContext db, long modelId, IReadOnlyDictionary<long, Deployment> deployments, IReadOnlyDictionary<long, int> numbers, CancellationToken ct)
    {
        var ids = deployments.Keys.ToList();
        var bindings = await db.MonitoringBindings.AsNoTracking().Where(b => ids.Contains(b.DeploymentId)).ToListAsync(ct);
        var windows = await db.MonitoringWindows.AsNoTracking().Where(w => ids.Contains(w.DeploymentId))
            .Select(w => new { w.DeploymentId, w.WindowEnd, w.Status }).ToListAsync(ct);
        var alerts = await db.DriftAlerts.AsNoTracking().Where(a => a.ModelId == modelId).ToListAsync(ct);

        var monitors = bindings.Select(b =>
        {
            var d = deployments[b.DeploymentId];
            var own = windows.Where(w => w.DeploymentId == b.DeploymentId).ToList();
            var latest = own.MaxBy(w => w.WindowEnd);
            var byStatus = string.Join(", ", own.GroupBy(w => w.Status).OrderBy(g => DriftSeverity.Rank(g.Key))
                .Select(g => $"{Name(g.Key)} {g.Count()}"));
            return new DriftMonitorEntry(numbers[d.ModelVersionId], d.Environment, Name(d.Status), b.FeatureHistogramMetric, b.Window,
                b.PsiWarning, b.PsiDrift, b.ConfiguredBy, b.ConfiguredAt, own.Count, byStatus, latest?.WindowEnd,
                latest is null ? Name(DriftStatus.Unknown) : Name(latest.Status));
        }).OrderBy(m => m.Version).ThenBy(m => m.Environment, StringComparer.Ordinal).ToList();

        var alertEntries = alerts.OrderBy(a => a.DetectedAt).ThenBy(a => a.Id).Select(a => new DriftAlertEntry(
            numbers.GetValueOrDefault(a.ModelVersionId), deployments.TryGetValue(a.DeploymentId, out var d) ? d.Environment : "",
            a.Feature, a.Metric, a.Value, a.Threshold, Name(a.Status), a.DetectedAt, a.WindowEnd,
            a.AcknowledgedBy, a.AcknowledgedAt, a.AcknowledgeComment, a.ResolvedAt)).ToList();

        if (bindings.Count == 0 && alerts.Count == 0)
            return new DriftSection(NotMonitored, "No deployment of this model has a monitoring binding; no drift figures exist.", [], []);

        var activeLatest = monitors.Where(m => m.DeploymentStatus == Name(DeploymentStatus.Active)).Select(m => Parse(m.LatestStatus)).ToList();
        var status = DriftSeverity.Worst(activeLatest);
        var unresolved = alerts.Count(a => a.Status != DriftAlertStatus.Resolved);
        if (unresolved > 0 && DriftSeverity.Rank(status) < DriftSeverity.Rank(DriftStatus.Warning))
            status = DriftStatus.Warning;
        var note = $"{monitors.Count} monitored deployment(s), {windows.Count} window(s) evaluated; "
                   + $"{alerts.Count(a => a.Status == DriftAlertStatus.Open)} alert(s) open, "
                   + $"{alerts.Count(a => a.Status == DriftAlertStatus.Acknowledged)} acknowledged, "
                   + $"{alerts.Count(a => a.Status == DriftAlertStatus.Resolved)} resolved. "
                   + "The status is the worst latest window over ACTIVE monitored deployments, at least WARNING while an alert is unresolved.";
        return new DriftSection(Name(status), note, monitors, alertEntries);
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToUpperInvariant();

    private static DriftStatus Parse(string name) => Enum.Parse<DriftStatus>(name, ignoreCase: true);
}
