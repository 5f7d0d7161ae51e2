namespace ModelRegistry.Core.Abstractions;

/// <summary>Serialises the registry's writes so that audit sequences stay gap-free and the hash chain never forks.</summary>
public interface IWriteLock
{
    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called by the writer right after each write transaction begins, still under <see cref="AcquireAsync"/>: where writers
    /// in other processes share the database, this is where the lock must also be taken for the transaction.
    /// </summary>
    Task EnterTransactionAsync(IRegistryDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
}
