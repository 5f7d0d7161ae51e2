using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Core.Writes;

/// <summary>
/// The single write path. A use case runs under the write lock in one transaction; its audit events are
/// appended to the hash chain in that same transaction; a refused use case rolls back and leaves nothing;
/// events reach subscribers only after commit.
/// </summary>
public sealed class RegistryWriter(
    IRegistryDbContext db, IWriteLock writeLock, AccessControl access, ReadVisibilityHolder visibility, TimeProvider clock, IRegistryEventBus bus,
    StatedReason reason)
{
    /// <summary>Runs a use case on the write path.</summary>
    public async Task<Result<T>> ExecuteAsync<T>(Func<WriteScope, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        // Checked before the lock: a reason too long to chain is the caller's mistake, and nothing was asked yet.
        if (reason.Check() is { } invalid)
            return invalid;
        Result<T> result;
        await using (await writeLock.AcquireAsync(cancellationToken))
        // Use cases check names and references against every row; what the caller may read is decided by RBAC checks.
        using (visibility.Unrestricted())
        {
            var scope = new WriteScope(db, access, clock.GetUtcNow().UtcDateTime, reason.Value);
            result = await RunAsync(scope, work, cancellationToken);
            // The refused write left nothing; the attempt itself is chained, so that an auditor sees who tried what.
            if (!result.IsSuccess && RefusalAudit.TraceOf(scope, result.Error!) is { } trace)
                await CommitAsync([trace], cancellationToken);
        }
        return result;
    }

    private async Task<Result<T>> RunAsync<T>(WriteScope scope, Func<WriteScope, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        // Entities tracked by earlier work of this scope (a previous root mutation field, a socket's earlier operation) hold
        // the values they had then; other clients may have committed since. Under the lock, the use case reads committed state.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
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
            await transaction.CommitAsync(cancellationToken);
            // Still under the lock, so subscribers see events in commit order.
            bus.Publish(committed);
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
            var committed = await AppendAsync(events, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            bus.Publish(committed);
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
            previousHash = e.Hash;
            db.AuditEvents.Add(e);
        }
        return events;
    }
}
