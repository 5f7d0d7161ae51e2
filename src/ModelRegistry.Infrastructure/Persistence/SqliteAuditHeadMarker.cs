using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>
/// Keeps the head in SQLite's <c>user_version</c>, a field of the file header: it is written in the write transaction
/// and rolled back with it, no row delete touches it, and EF Core's migrations do not use it. It holds 31 bits, so the
/// marker stops at <see cref="int.MaxValue"/> events.
/// </summary>
public sealed class SqliteAuditHeadMarker(RegistryDbContext db) : IAuditHeadMarker
{
    /// <inheritdoc />
    public Task SetAsync(long sequence, CancellationToken cancellationToken)
    {
        // A pragma takes no parameters; the value is a number formatted here, never client text.
        var statement = "PRAGMA user_version = " + Math.Min(sequence, int.MaxValue).ToString(CultureInfo.InvariantCulture) + ";";
        return db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> GetAsync(CancellationToken cancellationToken)
        => await db.Database.SqlQueryRaw<long>("SELECT user_version AS Value FROM pragma_user_version").SingleAsync(cancellationToken);
}
