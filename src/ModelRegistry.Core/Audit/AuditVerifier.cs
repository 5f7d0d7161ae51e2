using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Core.Audit;

/// <summary>The result of walking the hash chain.</summary>
public sealed record AuditVerification(bool Valid, long Checked, long? FirstBrokenSequence);

/// <summary>Walks the audit chain: every sequence present, each hash matching its row and its predecessor.</summary>
public sealed class AuditVerifier(IRegistryDbContext db)
{
    private const int Batch = 2000;

    /// <summary>Verifies events from <paramref name="from"/> to <paramref name="to"/> (inclusive; whole log by default).</summary>
    public async Task<AuditVerification> VerifyAsync(long? from, long? to, CancellationToken cancellationToken)
    {
        var start = Math.Max(1, from ?? 1);
        var previousHash = start == 1
            ? AuditChain.Genesis
            : await db.AuditEvents.AsNoTracking().Where(e => e.Sequence == start - 1).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        if (previousHash is null)
            return new AuditVerification(false, 0, start - 1);
        long expected = start, checkedCount = 0;
        while (true)
        {
            var next = expected;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= next && (to == null || e.Sequence <= to))
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                if (e.Sequence != expected || !AuditChain.IsIntact(e, previousHash))
                    return new AuditVerification(false, checkedCount, expected);
                previousHash = e.Hash;
                expected++;
                checkedCount++;
            }
            if (batch.Count < Batch)
                return new AuditVerification(true, checkedCount, null);
        }
    }
}
