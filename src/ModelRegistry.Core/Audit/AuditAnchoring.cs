using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Core.Audit;

/// <summary>What start-up does with the anchor: adopt an unanchored log once, or report a database behind its anchor.</summary>
public static class AuditAnchoring
{
    private const int Batch = 2000;

    /// <summary>
    /// On the first start with anchoring (no anchor file yet) every event without a MAC is sealed and the head anchored:
    /// those events are vouched for from that moment, not from when they were written. Once an anchor exists nothing is
    /// ever sealed after the fact, so clearing a MAC cannot launder a forged row. A database below its anchor is logged
    /// as critical; the write path then refuses every write.
    /// </summary>
    public static async Task PrepareAsync(IRegistryDbContext db, AuditAnchor anchor, IAuditHeadMarker headMarker, ILogger logger, CancellationToken cancellationToken)
    {
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (anchor.Head() is { } anchored)
        {
            if ((head?.Sequence ?? 0) < anchored.Sequence)
                logger.LogCritical(
                    "The audit log ends at sequence {Head}, below the anchored sequence {Anchored} in {AnchorPath}: its tail was cut or an older database file was restored. Writes are refused; run verifyAuditTrail.",
                    head?.Sequence ?? 0, anchored.Sequence, anchor.AnchorPath);
            else
                logger.LogInformation("Audit anchor at sequence {Anchored} ({Hash}); the log ends at {Head}.", anchored.Sequence, anchored.Hash, head?.Sequence ?? 0);
            return;
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            long sealedCount = 0;
            while (true)
            {
                var batch = await db.AuditEvents.Where(e => e.Mac == null).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
                foreach (var e in batch)
                    anchor.Seal(e);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                sealedCount += batch.Count;
                if (batch.Count < Batch)
                    break;
            }
            await headMarker.SetAsync(head?.Sequence ?? 0, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (sealedCount > 0)
                logger.LogWarning("Sealed {Count} audit events written before anchoring; they are vouched for from now on, not from when they were written.", sealedCount);
        }
        if (head is not null)
            anchor.Advance(head.Sequence, head.Hash);
        logger.LogInformation("Audit anchor created at {AnchorPath}, at sequence {Head}.", anchor.AnchorPath, head?.Sequence ?? 0);
    }
}
