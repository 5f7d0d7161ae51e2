using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Monitoring;

/// <summary>The monitoring fields of versions, deployments and the Query root; every nested one is batched over its parents.</summary>
public static class MonitoringFields
{
    /// <summary>Adds baseline, driftStatus and driftAlerts to <c>ModelVersion</c>.</summary>
    public static void AddTo(ObjectGraphType<ModelVersion> version)
    {
        version.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureProfileType>>>>("baseline")
            .Description("The baseline profile set with setBaselineProfile, in the order given.")
            .Bounded(SetBaselineProfile.MaxFeatures)
            .Resolve(c => c.LoadMany("version.baseline", c.Source.Id, async (db, ids, ct) =>
                (await db.FeatureBaselines.AsNoTracking().Where(b => ids.Contains(b.ModelVersionId)).OrderBy(b => b.Ordinal).ToListAsync(ct))
                    .Select(b => (b.ModelVersionId, b)).ToList()));
        version.Field<NonNullGraphType<DriftStatusType>>("driftStatus")
            .Description("The worst status over the version's ACTIVE deployments (each as `Deployment.driftStatus`); UNKNOWN when none has data or an unresolved alert.")
            .Resolve(c => StatusOrUnknown(c.LoadOne("version.driftStatus", c.Source.Id, VersionStatusesAsync)));
        version.Field<DriftAlertsConnectionType>("driftAlerts")
            .Description("Alerts raised on the version's deployments, newest first.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DriftAlertFilterInput))
            .Resolve(c => c.PageFilteredForParent("version.driftAlerts", c.Source.Id, db => db.DriftAlerts.AsNoTracking(), a => a.ModelVersionId,
                a => a.Id, OrderKey.By<DriftAlert, DateTime>(a => a.DetectedAt, true, "detectedAt")));
    }

    /// <summary>Adds monitoring, driftStatus and monitoringWindows to <c>Deployment</c>.</summary>
    public static void AddTo(ObjectGraphType<Deployment> deployment)
    {
        deployment.Field<MonitoringBindingType>("monitoring")
            .Description("The Prometheus binding set with configureMonitoring; null when unmonitored.")
            .Resolve(c => c.LoadOne("deployment.monitoring", c.Source.Id, async (db, ids, ct) =>
                await db.MonitoringBindings.AsNoTracking().Where(b => ids.Contains(b.DeploymentId)).ToDictionaryAsync(b => b.DeploymentId, ct)));
        deployment.Field<NonNullGraphType<DriftStatusType>>("driftStatus")
            .Description("The status of the deployment's latest window (by window end), but at least WARNING while one of its drift alerts is OPEN or ACKNOWLEDGED; UNKNOWN when it has neither.")
            .Resolve(c => StatusOrUnknown(c.LoadOne("deployment.driftStatus", c.Source.Id, async (db, ids, ct) =>
                (await LatestStatusesAsync(db, ids, ct)).ToDictionary(p => p.Key, p => new StatusOf(p.Value)))));
        deployment.Field<MonitoringWindowsConnectionType>("monitoringWindows")
            .Description("Evaluated windows, newest window end first unless `order` says otherwise.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(MonitoringWindowFilterInput))
            .SortArgument(typeof(MonitoringWindowSortInput))
            .Resolve(c => c.PageFilteredForParent("deployment.monitoringWindows", c.Source.Id, db => db.MonitoringWindows.AsNoTracking(),
                w => w.DeploymentId, w => w.Id, OrderKey.By<MonitoringWindow, DateTime>(w => w.WindowEnd, true, "windowEnd")));
    }

    /// <summary>Adds the root <c>driftAlerts</c>.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<DriftAlertsConnectionType>("driftAlerts")
            .Description("Every drift alert the caller may read, newest first unless `order` says otherwise.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DriftAlertFilterInput))
            .SortArgument(typeof(DriftAlertSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().DriftAlerts.AsNoTracking(), a => a.Id,
                OrderKey.By<DriftAlert, DateTime>(a => a.DetectedAt, true, "detectedAt")));

    /// <summary>
    /// The drift status of each deployment that has a window or an unresolved alert: its latest window's status, held at
    /// WARNING or worse while an alert of it is OPEN or ACKNOWLEDGED (<see cref="DriftSeverity.WithUnresolvedAlerts"/>).
    /// </summary>
    public static async Task<Dictionary<long, DriftStatus>> LatestStatusesAsync(RegistryDbContext db, IReadOnlyList<long> deploymentIds, CancellationToken ct)
    {
        var latest = (await db.MonitoringWindows.AsNoTracking()
                .Where(w => deploymentIds.Contains(w.DeploymentId)
                            && !db.MonitoringWindows.Any(o => o.DeploymentId == w.DeploymentId && o.WindowEnd > w.WindowEnd))
                .Select(w => new { w.DeploymentId, w.Status }).ToListAsync(ct))
            .ToDictionary(x => x.DeploymentId, x => x.Status);
        var alerted = (await db.DriftAlerts.AsNoTracking()
                .Where(a => deploymentIds.Contains(a.DeploymentId) && a.Status != DriftAlertStatus.Resolved)
                .Select(a => a.DeploymentId).Distinct().ToListAsync(ct))
            .ToHashSet();
        return latest.Keys.Union(alerted).ToDictionary(id => id,
            id => DriftSeverity.WithUnresolvedAlerts(latest.TryGetValue(id, out var status) ? status : null, alerted.Contains(id)));
    }

    private static async Task<Dictionary<long, StatusOf>> VersionStatusesAsync(RegistryDbContext db, IReadOnlyList<long> versionIds, CancellationToken ct)
    {
        var active = await db.Deployments.AsNoTracking()
            .Where(d => versionIds.Contains(d.ModelVersionId) && d.Status == DeploymentStatus.Active)
            .Select(d => new { d.Id, d.ModelVersionId }).ToListAsync(ct);
        var latest = await LatestStatusesAsync(db, active.Select(d => d.Id).ToList(), ct);
        return active.GroupBy(d => d.ModelVersionId).ToDictionary(g => g.Key,
            g => new StatusOf(DriftSeverity.Worst(g.Select(d => latest.GetValueOrDefault(d.Id, DriftStatus.Unknown)))));
    }

    // Batch loaders hand out reference types; a status travels in this box.
    private sealed record StatusOf(DriftStatus Status);

    private static IDataLoaderResult<DriftStatus> StatusOrUnknown(IDataLoaderResult<StatusOf?> boxed) => new Unboxed(boxed);

    // Unknown until a window says otherwise; resolved when the batch is.
    private sealed class Unboxed(IDataLoaderResult<StatusOf?> boxed) : IDataLoaderResult<DriftStatus>
    {
        public async Task<DriftStatus> GetResultAsync(CancellationToken cancellationToken = default)
            => (await boxed.GetResultAsync(cancellationToken))?.Status ?? DriftStatus.Unknown;

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
