using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;
using Npgsql;

namespace ModelRegistry.Infrastructure.Events;

/// <summary>
/// The event bus across replicas on PostgreSQL. A write transaction sends <c>NOTIFY registry_events</c> with its new head
/// sequence only (PostgreSQL delivers it at commit, in commit order, and the payload limit never matters); every replica
/// <c>LISTEN</c>s on a connection of its own and, woken by a notification, reads the events after the last one it delivered
/// from the audit log, by sequence. Delivery is therefore in sequence order with no gap and no duplicate, whichever replica
/// committed. Events this replica committed take a short cut when they directly follow what was delivered.
/// </summary>
/// <remarks>
/// PostgreSQL drops notifications sent while a listener is disconnected, so the log, not the notification, is the source:
/// after (re)connecting, and whenever no notification came for <see cref="PollInterval"/>, the relay reads the log from the
/// last delivered sequence. A dropped listening connection (a restarted server, <c>pg_terminate_backend</c>) is reopened
/// with a growing back-off, and the gap is delivered from the log in order.
/// </remarks>
public sealed class PostgresEventRelay(
    IEventDelivery delivery, IServiceScopeFactory scopes, RegistryPersistenceOptions options, ILogger<PostgresEventRelay> logger) : IRegistryEventBus
{
    /// <summary>The tag (an SQL comment) on the relay's reads of the log, which run in the background after every commit.</summary>
    public const string QueryTag = "registry-event-relay";

    /// <summary>The notification channel.</summary>
    public const string Channel = "registry_events";

    /// <summary>The application name of the listening connection, so operators (and tests) can find it in pg_stat_activity.</summary>
    public const string ListenerApplicationName = "model-registry-events";

    /// <summary>How long the relay waits for a notification before it reads the log anyway.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private const int Batch = 500;

    private readonly Lock _gate = new();
    // Sequences this replica committed and the webhook dispatcher has not claimed yet (bounded: see Publish).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, byte> _committedHere = new();
    private const int MaxUnclaimed = 100_000;
    private readonly SemaphoreSlim _wake = new(0);
    // The last sequence handed to subscribers; -1 until the relay has read the head at start.
    private long _delivered = -1;

    /// <summary>The server process id of the current listening connection (0 while disconnected).</summary>
    public int ListenerProcessId { get; private set; }

    /// <summary>How many times the listening connection was opened.</summary>
    public int Connections { get; private set; }

    /// <inheritdoc />
    public IObservable<AuditEvent> Events => delivery.Events;

    /// <inheritdoc />
    public bool ClaimCommittedHere(long sequence) => _committedHere.TryRemove(sequence, out _);

    /// <inheritdoc />
    public void Committing(IReadOnlyList<AuditEvent> pending)
    {
        // Recorded before the commit: the listener may read these from the log and deliver them before Publish runs,
        // and a consumer must be able to claim them then. A commit that fails leaves its entries behind, so the set is
        // bounded (the worst outcome is a second enqueue of a delivery, which the delivery job skips once delivered).
        if (_committedHere.Count > MaxUnclaimed)
            _committedHere.Clear();
        foreach (var e in pending)
            _committedHere.TryAdd(e.Sequence, 0);
    }

    /// <inheritdoc />
    public void Publish(IReadOnlyList<AuditEvent> committed)
    {
        if (committed.Count == 0)
            return;
        lock (_gate)
        {
            if (_delivered >= 0 && committed[0].Sequence == _delivered + 1)
            {
                delivery.Deliver(committed);
                _delivered = committed[^1].Sequence;
                return;
            }
        }
        // Another replica committed in between (or the relay is not running yet): the log has everything, in order.
        Wake();
    }

    /// <summary>
    /// Starts delivery after the log's current head; called once the database is migrated, before the host serves, so
    /// that every event committed from then on reaches this replica's subscribers (the webhook dispatcher among them).
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var head = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AuditEvents.AsNoTracking().TagWith(QueryTag)
            .MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        lock (_gate)
        {
            if (_delivered < 0)
                _delivered = head;
        }
    }

    /// <summary>Listens and relays until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var catchUp = CatchUpLoopAsync(stoppingToken);
        var backOff = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => backOff = TimeSpan.FromMilliseconds(100), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                ListenerProcessId = 0;
                logger.LogWarning(failure, "The event listener's connection failed; reconnecting in {Delay} ms, then reading the events missed from the log.",
                    (int)backOff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backOff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backOff = TimeSpan.FromMilliseconds(Math.Min(backOff.TotalMilliseconds * 2, 5_000));
            }
        }
        _wake.Release();
        try
        {
            await catchUp;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ResolvePostgresConnectionString())
        {
            ApplicationName = ListenerApplicationName,
            Pooling = false,
            // A silently dead network path shows up within seconds instead of never.
            KeepAlive = 10,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, _) => Wake();
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        ListenerProcessId = connection.ProcessID;
        Connections++;
        connected();
        // Whatever was committed before LISTEN took effect (at start, or while the connection was down) is in the log.
        Wake();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await connection.WaitAsync(PollInterval, stoppingToken))
                Wake();
        }
    }

    private void Wake()
    {
        // One pending wake is enough: a catch-up reads everything up to the head.
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    private async Task CatchUpLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _wake.WaitAsync(stoppingToken);
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Reading events from the audit log failed; retrying.");
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
                Wake();
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        while (true)
        {
            long from;
            lock (_gate)
                from = _delivered;
            if (from < 0)
            {
                var head = await db.AuditEvents.AsNoTracking().TagWith(QueryTag).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
                lock (_gate)
                {
                    if (_delivered < 0)
                        _delivered = head;
                }
                return;
            }
            var batch = await db.AuditEvents.AsNoTracking().TagWith(QueryTag).Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(Batch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return;
            lock (_gate)
            {
                // The short cut may have delivered some of these meanwhile.
                var fresh = batch.Where(e => e.Sequence > _delivered).ToList();
                if (fresh.Count > 0)
                {
                    if (fresh[0].Sequence != _delivered + 1)
                        logger.LogError("The audit log has no events between sequence {After} and {Next}; delivering on from {Next}. Run verifyAuditTrail.",
                            _delivered, fresh[0].Sequence, fresh[0].Sequence);
                    delivery.Deliver(fresh);
                    _delivered = fresh[^1].Sequence;
                }
            }
            if (batch.Count < Batch)
                return;
        }
    }
}
