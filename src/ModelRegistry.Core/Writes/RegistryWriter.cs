using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Telemetry;

namespace ModelRegistry.Core.Writes;

/// <summary>
/// The single write path. A use case runs under the write lock in one transaction; its audit events are
/// appended to the hash chain in that same transaction; a refused use case rolls back and leaves nothing;
/// events reach subscribers only after commit.
/// </summary>
public sealed class RegistryWriter(
    IRegistryDbContext db, IWriteLock writeLock, AccessControl access, ReadVisibilityHolder visibility, TimeProvider clock, IRegistryEventBus bus,
    StatedReason reason, AuditAnchor anchor, IAuditHeadMarker headMarker, RegistryMetrics metrics, ILogger<RegistryWriter> logger)
{
    /// <summary>Runs a use case on the write path.</summary>
    public async Task<Result<T>> ExecuteAsync<T>(Func<WriteScope, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        // Checked before the lock: a reason too long to chain is the caller's mistake, and nothing was asked yet.
        if (reason.Check() is { } invalid)
            return invalid;
        using var span = RegistryTelemetry.Source.StartActivity("registry.write");
        var waited = Stopwatch.GetTimestamp();
        Result<T> result;
        await using (await AcquireLockAsync(cancellationToken))
        // Use cases check names and references against every row; what the caller may read is decided by RBAC checks.
        using (visibility.Unrestricted())
        {
            var held = Stopwatch.GetTimestamp();
            metrics.LockWait.Record(Stopwatch.GetElapsedTime(waited, held).TotalSeconds);
            try
            {
                if (await UnvouchedHeadAsync(cancellationToken) is { } tampered)
                    return Refused<T>(span, tampered);
                var scope = new WriteScope(db, access, clock.GetUtcNow().UtcDateTime, reason.Value);
                result = await RunAsync(scope, work, cancellationToken);
                // The refused write left nothing; the attempt itself is chained, so that an auditor sees who tried what.
                if (!result.IsSuccess && RefusalAudit.TraceOf(scope, result.Error!) is { } trace)
                    await CommitAsync([trace], cancellationToken);
            }
            finally
            {
                metrics.LockHold.Record(Stopwatch.GetElapsedTime(held).TotalSeconds);
            }
        }
        return result.IsSuccess ? result : Refused(span, result);
    }

    private async Task<IAsyncDisposable> AcquireLockAsync(CancellationToken cancellationToken)
    {
        using var _ = RegistryTelemetry.Source.StartActivity("registry.write.lock_wait");
        return await writeLock.AcquireAsync(cancellationToken);
    }

    private static Result<T> Refused<T>(Activity? span, Result<T> refusal)
    {
        span?.SetTag("registry.error.code", refusal.Error!.Code);
        return refusal;
    }

    private async Task<Result<T>> RunAsync<T>(WriteScope scope, Func<WriteScope, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        // Entities tracked by earlier work of this scope (a previous root mutation field, a socket's earlier operation) hold
        // the values they had then; other clients may have committed since. Under the lock, the use case reads committed state.
        db.ChangeTracker.Clear();
        using var span = RegistryTelemetry.Source.StartActivity("registry.write.transaction");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await writeLock.EnterTransactionAsync(db, cancellationToken);
            var result = await work(scope);
            if (!result.IsSuccess)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return result;
            }
            await db.SaveChangesAsync(cancellationToken);
            var committed = await AppendAsync(scope.Pending, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            bus.Committing(committed);
            await transaction.CommitAsync(cancellationToken);
            Anchor(committed);
            // Still under the lock, so subscribers see events in commit order.
            Publish(committed);
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private async Task CommitAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await writeLock.EnterTransactionAsync(db, cancellationToken);
            var committed = await AppendAsync(events, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            bus.Committing(committed);
            await transaction.CommitAsync(cancellationToken);
            Anchor(committed);
            Publish(committed);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<IReadOnlyList<AuditEvent>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
            return events;
        var last = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = last?.Sequence ?? 0;
        var previousHash = last?.Hash ?? AuditChain.Genesis;
        foreach (var e in events)
        {
            e.Sequence = ++sequence;
            AuditChain.Seal(e, previousHash);
            anchor.Seal(e);
            previousHash = e.Hash;
            db.AuditEvents.Add(e);
        }
        await headMarker.SetAsync(sequence, cancellationToken);
        return events;
    }

    /// <summary>
    /// The refusal when the chain's head is not one the anchor vouches for: below the anchored head (its tail was cut or
    /// an older file restored), or a last row without a valid MAC (forged or re-chained). Appending below the anchor
    /// would hand out sequence numbers receivers have already seen (webhooks dedupe on them); appending onto an unvouched
    /// row would anchor the forgery. So every write is refused until an operator restores the log.
    /// </summary>
    private async Task<DomainError?> UnvouchedHeadAsync(CancellationToken cancellationToken)
    {
        if (anchor.Head() is not { } anchored)
            return null;
        // Only what the check needs: the payload of the last event can be large.
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash, e.Mac }).FirstOrDefaultAsync(cancellationToken);
        var last = head?.Sequence ?? 0;
        if (last < anchored.Sequence)
        {
            logger.LogCritical("Write refused: the audit log ends at sequence {Head} but sequence {Anchored} was anchored; appending would reuse sequence {Next}.",
                last, anchored.Sequence, last + 1);
            return new DomainError(ErrorCodes.AuditChainTampered,
                $"The registry is read-only: its audit log ends at sequence {last}, below the anchored sequence {anchored.Sequence}, so a write would reuse a sequence number. Run verifyAuditTrail and restore the missing events.");
        }
        if (head is not null && !anchor.Vouches(head.Sequence, head.Hash, head.Mac))
        {
            logger.LogCritical("Write refused: the last audit event, sequence {Head}, does not carry the anchor key's MAC.", last);
            return new DomainError(ErrorCodes.AuditChainTampered,
                $"The registry is read-only: the last audit event, sequence {last}, was not written by this registry, and a write would chain onto it. Run verifyAuditTrail and restore the log.");
        }
        return null;
    }

    private void Publish(IReadOnlyList<AuditEvent> committed)
    {
        using var span = committed.Count == 0 ? null : RegistryTelemetry.Source.StartActivity("registry.events.publish");
        span?.SetTag("registry.audit.sequence", committed[^1].Sequence);
        bus.Publish(committed);
    }

    // After commit, so a crash between the two leaves the anchor behind the database (covered by each event's MAC), never ahead of it.
    private void Anchor(IReadOnlyList<AuditEvent> committed)
    {
        if (committed.Count > 0)
            anchor.Advance(committed[^1].Sequence, committed[^1].Hash);
    }
}
