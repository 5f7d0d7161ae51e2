using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// The recurring sweep: enqueues one <see cref="DeploymentMonitoringJob"/> per ACTIVE deployment with a binding. Each window
/// end is the sweep time truncated down to a multiple of the binding's window since the Unix epoch, so sweeps within one step
/// name the same (already evaluated) window and a 1h binding is evaluated once an hour however often the sweep runs.
/// </summary>
public sealed class MonitoringSweepJob(ReadVisibilityHolder visibility, RegistryDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>The recurring job's identifier.</summary>
    public const string RecurringJobId = "monitoring-sweep";

    /// <summary>Enqueues the deployment jobs; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        visibility.ForSystem();
        var now = clock.GetUtcNow().UtcDateTime;
        var monitored = await (from b in db.MonitoringBindings.AsNoTracking()
                               join d in db.Deployments.AsNoTracking() on b.DeploymentId equals d.Id
                               where d.Status == DeploymentStatus.Active
                               orderby d.Id
                               select new { d.Id, b.Window }).ToListAsync(cancellationToken);
        var enqueued = 0;
        foreach (var deployment in monitored)
        {
            if (!PrometheusDuration.TryParse(deployment.Window, out var window))
                continue;
            var windowEnd = PrometheusDuration.WindowEndAt(now, window);
            jobs.Enqueue<DeploymentMonitoringJob>(j => j.RunAsync(deployment.Id, windowEnd, CancellationToken.None));
            enqueued++;
        }
        return enqueued;
    }
}
