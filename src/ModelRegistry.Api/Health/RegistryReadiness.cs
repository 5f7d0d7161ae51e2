using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Events;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Health;

/// <summary>One readiness check's verdict: <c>ok</c>, or why not.</summary>
public sealed record ReadinessCheck(string Name, bool Ready, string Detail);

/// <summary>
/// Whether this replica can serve: the database answers, every migration is applied, the job storage answers and, on
/// PostgreSQL, the event listener is connected (without it this replica's subscribers and webhooks miss other replicas'
/// events). Each check is bounded by <see cref="CheckTimeout"/>; the reasons name the part, never a connection string.
/// </summary>
public sealed class RegistryReadiness(IServiceScopeFactory scopes, JobStorage jobs, ILogger<RegistryReadiness> logger, PostgresEventRelay? relay = null)
{
    /// <summary>How long one check may take before it counts as not answering.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Runs every check.</summary>
    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<ReadinessCheck>();
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var reachable = await RunAsync("database", "the database does not answer", async ct =>
            await db.Database.CanConnectAsync(ct) ? null : "the database does not answer", cancellationToken);
        checks.Add(reachable);
        checks.Add(reachable.Ready
            ? await RunAsync("migrations", "the migration history could not be read", async ct =>
                (await db.Database.GetPendingMigrationsAsync(ct)).ToList() is { Count: > 0 } pending
                    ? $"{pending.Count} migration(s) not applied, first {pending[0]}"
                    : null, cancellationToken)
            : new ReadinessCheck("migrations", false, "not checked: the database does not answer"));
        checks.Add(await RunAsync("jobStorage", "the job storage does not answer", async ct =>
        {
            await Task.Run(() => jobs.GetMonitoringApi().Servers(), ct);
            return null;
        }, cancellationToken));
        if (relay is not null)
            checks.Add(relay.ListenerProcessId != 0
                ? new ReadinessCheck("eventListener", true, "ok")
                : new ReadinessCheck("eventListener", false, "the event listener is not connected to PostgreSQL"));
        return checks;
    }

    private async Task<ReadinessCheck> RunAsync(string name, string failure, Func<CancellationToken, Task<string?>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            var problem = await check(timeout.Token).WaitAsync(timeout.Token);
            return new ReadinessCheck(name, problem is null, problem ?? "ok");
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Readiness check {Check} failed: {Reason}", name, error.Message);
            return new ReadinessCheck(name, false, error is OperationCanceledException ? $"{failure} within {CheckTimeout.TotalSeconds:0} s" : failure);
        }
    }
}
