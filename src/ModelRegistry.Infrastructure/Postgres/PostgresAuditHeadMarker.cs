using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>
/// Keeps the head in the one-row table <c>AuditHead</c>, written in the write transaction and rolled back with it; no
/// write to <c>AuditEvents</c> touches it, so a cut tail of the log shows as a head above the last row.
/// </summary>
public sealed class PostgresAuditHeadMarker(RegistryDbContext db) : IAuditHeadMarker
{
    /// <inheritdoc />
    public Task SetAsync(long sequence, CancellationToken cancellationToken)
        => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "AuditHead" ("Id", "Sequence") VALUES (1, {sequence}) ON CONFLICT ("Id") DO UPDATE SET "Sequence" = EXCLUDED."Sequence" """,
            cancellationToken);

    /// <inheritdoc />
    public async Task<long> GetAsync(CancellationToken cancellationToken)
        => await db.Database.SqlQueryRaw<long>("""SELECT coalesce(max("Sequence"), 0) AS "Value" FROM "AuditHead" """).SingleAsync(cancellationToken);
}
