using System.Linq.Expressions;
using System.Reactive.Linq;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Events;

/// <summary>
/// Live registry events, optionally preceded by a replay from the log. The live feed is joined before the log is
/// read and buffered until the replay is out, then drained from the last replayed sequence: nothing committed in
/// between is lost, and nothing is sent twice.
/// </summary>
public sealed class RegistryEventStream(IRegistryEventBus bus, IServiceScopeFactory scopes)
{
    /// <summary>Most events one subscription replays; a client further behind catches up with the paged query first.</summary>
    public const int MaxReplay = 1000;

    /// <summary>The error code of a replay beyond <see cref="MaxReplay"/>.</summary>
    public const string ReplayLimitCode = "REPLAY_LIMIT_EXCEEDED";

    /// <summary>Events matching <paramref name="filter"/>, replaying those after <paramref name="after"/> first when given.</summary>
    public IObservable<AuditEvent> Subscribe(long? after, Expression<Func<AuditEvent, bool>> filter)
    {
        var matches = filter.Compile();
        return Observable.Create<AuditEvent>(async (observer, cancellationToken) =>
        {
            var gate = new Lock();
            var pending = new List<AuditEvent>();
            var replaying = true;
            var last = after ?? 0;
            using var live = bus.Events.Subscribe(e =>
            {
                lock (gate)
                {
                    if (replaying)
                        pending.Add(e);
                    else if (e.Sequence > last)
                        Emit(e);
                }
            });

            var replay = after is null ? [] : await ReadAsync(after.Value, filter, cancellationToken);
            if (replay.Count > MaxReplay)
            {
                observer.OnError(new ExecutionError(
                    $"More than {MaxReplay} events follow sequence {after}; read them with the registryEvents query, then subscribe with a later 'after'.")
                {
                    Code = ReplayLimitCode,
                });
                return;
            }
            lock (gate)
            {
                foreach (var e in replay)
                    Emit(e);
                foreach (var e in pending.Where(e => e.Sequence > last).OrderBy(e => e.Sequence))
                    Emit(e);
                replaying = false;
            }
            await WaitForDisposalAsync(cancellationToken);

            void Emit(AuditEvent e)
            {
                last = e.Sequence;
                if (matches(e))
                    observer.OnNext(e);
            }
        });
    }

    private async Task<List<AuditEvent>> ReadAsync(long after, Expression<Func<AuditEvent, bool>> filter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The log is read whole here; each subscription applies its subscriber's visibility to replayed and live events alike.
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence > after)
            .Where(filter)
            .OrderBy(e => e.Sequence)
            .Take(MaxReplay + 1)
            .ToListAsync(cancellationToken);
    }

    private static async Task WaitForDisposalAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away; the live feed is released by the using above.
        }
    }
}
