using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Monitoring;

/// <summary>What <see cref="RunMonitoringNow"/> did: the enqueued job, and the window if it is already stored.</summary>
public sealed record MonitoringRun(string? JobId, MonitoringWindow? Window, IReadOnlyList<DomainError>? Errors) : Common.IMutationPayload;

/// <summary>
/// Enqueues <see cref="DeploymentMonitoringJob"/> for one deployment and window end (DEPLOYER on the model). It never runs the
/// job inline: the query can take as long as Prometheus does, and the job's retries belong to Hangfire. The payload carries
/// the window only when one is already stored for that window end (a re-run is then a no-op, see the job).
/// </summary>
public sealed class RunMonitoringNow(RegistryDbContext db, AccessControl access, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>Checks, then enqueues.</summary>
    public async Task<MonitoringRun> ExecuteAsync(long deploymentId, DateTime? windowEnd, CancellationToken cancellationToken)
    {
        // Read with the caller's visibility: a deployment it cannot see is NOT_FOUND, exactly like a missing one.
        var notFound = DomainError.NotFound("The deployment", "deploymentId");
        var deployment = await db.Deployments.AsNoTracking().Include(d => d.ModelVersion).ThenInclude(v => v!.Model)
            .FirstOrDefaultAsync(d => d.Id == deploymentId, cancellationToken);
        if (deployment is null)
            return Fail(notFound);
        if (await access.RequireAsync(Role.Deployer, AccessScope.Of(deployment.ModelVersion!.Model!), "run monitoring of this model", notFound, cancellationToken) is { } denied)
            return Fail(denied);
        var binding = await db.MonitoringBindings.AsNoTracking().FirstOrDefaultAsync(b => b.DeploymentId == deploymentId, cancellationToken);
        if (binding is null || !PrometheusDuration.TryParse(binding.Window, out var window))
            return Fail(DomainError.Invalid("The deployment has no monitoring binding; call configureMonitoring first.", "deploymentId"));
        var now = clock.GetUtcNow().UtcDateTime;
        var end = windowEnd is { } requested ? requested.ToUniversalTime() : PrometheusDuration.WindowEndAt(now, window);
        if (end > now)
            return Fail(DomainError.Invalid("'windowEnd' must not lie in the future: the window would not be complete.", "windowEnd"));
        var jobId = jobs.Enqueue<DeploymentMonitoringJob>(j => j.RunAsync(deploymentId, end, CancellationToken.None));
        var stored = await db.MonitoringWindows.AsNoTracking()
            .FirstOrDefaultAsync(m => m.DeploymentId == deploymentId && m.WindowEnd == end && !m.SourceUnavailable, cancellationToken);
        return new MonitoringRun(jobId, stored, null);
    }

    private static MonitoringRun Fail(DomainError error) => new(null, null, [error]);
}
