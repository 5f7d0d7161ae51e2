namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>
/// Serialises the start-up work that must run once per database (migrations, anchoring, the demo seed) among the
/// processes that share it: two replicas started at the same moment on an empty database must not both migrate.
/// </summary>
public interface IStartupLock
{
    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>SQLite: one file, one process serving it; its migrations lock the file themselves.</summary>
public sealed class ProcessStartupLock : IStartupLock
{
    private readonly ProcessWriteLock _gate = new();

    /// <inheritdoc />
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) => _gate.AcquireAsync(cancellationToken);
}
