using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Core.Audit;

/// <summary>What kind of tampering a failed verification found.</summary>
public enum AuditTamper
{
    /// <summary>A row's hash does not match its content or its predecessor, or a sequence is missing.</summary>
    ChainBroken,
    /// <summary>The log ends below the anchored head, and the database's own head marker is beyond its last row: rows were cut.</summary>
    TailTruncated,
    /// <summary>The log ends below the anchored head, and is consistent with itself: an older copy of the database was restored.</summary>
    OlderDatabaseRestored,
    /// <summary>Rows were edited and re-hashed: their hashes chain, but their MACs fail and the anchored hash differs.</summary>
    Rechained,
    /// <summary>A row that chains correctly but carries no valid MAC, while the anchored head still matches: written by someone without the key.</summary>
    ForgedEvent,
}

/// <summary>The result of walking the hash chain; <see cref="Tamper"/> names the case when it is not valid.</summary>
public sealed record AuditVerification(bool Valid, long Checked, long? FirstBrokenSequence, AuditTamper? Tamper = null, long? AnchoredSequence = null);

/// <summary>
/// Walks the audit chain: every sequence present, each hash matching its row and its predecessor, each row carrying
/// the anchor key's MAC, and the log reaching the anchored head with the anchored hash.
/// </summary>
public sealed class AuditVerifier(IRegistryDbContext db, AuditAnchor anchor, IAuditHeadMarker headMarker)
{
    private const int Batch = 2000;

    /// <summary>Verifies events from <paramref name="from"/> to <paramref name="to"/> (inclusive; whole log by default).</summary>
    public async Task<AuditVerification> VerifyAsync(long? from, long? to, CancellationToken cancellationToken)
    {
        var anchored = anchor.Head();
        var start = Math.Max(1, from ?? 1);
        var previousHash = start == 1
            ? AuditChain.Genesis
            : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == start - 1).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        if (previousHash is null)
            return await BelowAnchorAsync(anchored, start - 1, 0, cancellationToken) ?? new AuditVerification(false, 0, start - 1, AuditTamper.ChainBroken, anchored?.Sequence);
        long expected = start, checkedCount = 0;
        long? unvouched = null;
        long unvouchedChecked = 0;
        while (true)
        {
            var next = expected;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= next && (to == null || e.Sequence <= to))
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                if (e.Sequence != expected || !AuditChain.IsIntact(e, previousHash))
                    return new AuditVerification(false, checkedCount, expected, AuditTamper.ChainBroken, anchored?.Sequence);
                if (e.Sequence == anchored?.Sequence && e.Hash != anchored.Hash)
                    return unvouched is null
                        ? new AuditVerification(false, checkedCount, e.Sequence, AuditTamper.Rechained, anchored.Sequence)
                        : new AuditVerification(false, unvouchedChecked, unvouched, AuditTamper.Rechained, anchored.Sequence);
                if (unvouched is null && !anchor.Vouches(e))
                {
                    // Hold the verdict until the anchored row is reached: a re-chain also changes the anchored hash, a forged row does not.
                    unvouched = e.Sequence;
                    unvouchedChecked = checkedCount;
                }
                previousHash = e.Hash;
                expected++;
                checkedCount++;
            }
            if (batch.Count < Batch)
                break;
        }
        if (unvouched is not null)
            return new AuditVerification(false, unvouchedChecked, unvouched, AuditTamper.ForgedEvent, anchored?.Sequence);
        var head = expected - 1;
        if (to is null || to >= anchored?.Sequence)
            return await BelowAnchorAsync(anchored, head, checkedCount, cancellationToken) ?? new AuditVerification(true, checkedCount, null, null, anchored?.Sequence);
        return new AuditVerification(true, checkedCount, null, null, anchored?.Sequence);
    }

    private async Task<AuditVerification?> BelowAnchorAsync(AnchoredHead? anchored, long head, long checkedCount, CancellationToken cancellationToken)
    {
        if (anchored is null || head >= anchored.Sequence)
            return null;
        // The database's own marker survives deleted rows but travels with a restored file.
        var marker = await headMarker.GetAsync(cancellationToken);
        var tamper = marker > head ? AuditTamper.TailTruncated : AuditTamper.OlderDatabaseRestored;
        return new AuditVerification(false, checkedCount, head + 1, tamper, anchored.Sequence);
    }
}
