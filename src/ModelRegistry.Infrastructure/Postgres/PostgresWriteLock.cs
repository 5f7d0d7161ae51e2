using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>
/// The write lock across replicas: each write transaction takes a PostgreSQL transaction-level advisory lock right after it
/// begins, so every replica's writes are serialised by the database and the lock is released by commit, rollback, or the
/// death of the connection (a killed replica never leaves it held). Within a replica, writers first queue on a process
/// lock, so a burst waits in memory instead of holding one pooled connection and open transaction per waiting writer.
/// </summary>
public sealed class PostgresWriteLock : IWriteLock
{
    /// <summary>The advisory lock key of the write path ("MRWRITE" in ASCII, so it names itself in pg_locks).</summary>
    public const long AdvisoryKey = 0x4D_52_57_52_49_54_45;

    private readonly ProcessWriteLock _local = new();

    /// <inheritdoc />
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) => _local.AcquireAsync(cancellationToken);

    /// <inheritdoc />
    public async Task EnterTransactionAsync(IRegistryDbContext db, CancellationToken cancellationToken)
        => await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryKey})", cancellationToken);
}
