using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>The embedded write lock: one writer at a time within this process (SQLite allows one writer anyway).</summary>
public sealed class ProcessWriteLock : IWriteLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
