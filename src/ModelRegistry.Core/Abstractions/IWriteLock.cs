namespace ModelRegistry.Core.Abstractions;

/// <summary>Serialises the registry's writes so that audit sequences stay gap-free and the hash chain never forks.</summary>
public interface IWriteLock
{
    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}
