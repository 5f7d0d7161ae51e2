using GraphQL;
using GraphQL.DataLoader;

namespace ModelRegistry.GraphQL.DataLoading;

/// <summary>
/// Collects the keys requested by sibling fields and loads them in one call when GraphQL.NET first asks for a
/// pending result, so a nested list costs one statement per level whatever the page size.
/// </summary>
public sealed class BatchLoader<TKey, TValue> where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly Func<TKey, TValue> _missing;
    private readonly Lock _gate = new();
    private Batch _current = new();

    /// <summary>Creates a loader; <paramref name="missing"/> supplies the value of a key the fetch did not return.</summary>
    public BatchLoader(
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        Func<TKey, TValue> missing)
    {
        _fetch = fetch;
        _missing = missing;
    }

    /// <summary>Queues a key; the result resolves once the batch it joined has been fetched.</summary>
    public IDataLoaderResult<TValue> Load(TKey key)
    {
        lock (_gate)
        {
            _current.Keys.Add(key);
            return new PendingResult(this, _current, key);
        }
    }

    private Task<IReadOnlyDictionary<TKey, TValue>> Start(Batch batch, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (batch.Task is null)
            {
                batch.Task = _fetch(batch.Keys.ToList(), cancellationToken);
                if (ReferenceEquals(batch, _current))
                    _current = new Batch();
            }
            return batch.Task;
        }
    }

    private sealed class Batch
    {
        public HashSet<TKey> Keys { get; } = [];
        public Task<IReadOnlyDictionary<TKey, TValue>>? Task { get; set; }
    }

    private sealed class PendingResult(BatchLoader<TKey, TValue> loader, Batch batch, TKey key) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default)
        {
            IReadOnlyDictionary<TKey, TValue> values;
            try
            {
                values = await loader.Start(batch, cancellationToken);
            }
            catch (ExecutionError shared)
            {
                // Every field of the batch awaits the same task, so they would all rethrow one error object, and the
                // engine adds each field's location and path to it: N fields would report N errors of N locations.
                throw OwnCopy(shared);
            }
            return values.TryGetValue(key, out var value) ? value : loader._missing(key);
        }

        private static ExecutionError OwnCopy(ExecutionError shared)
        {
            var copy = new ExecutionError(shared.Message, shared.InnerException) { Code = shared.Code };
            foreach (System.Collections.DictionaryEntry entry in shared.Data)
                copy.Data[entry.Key] = entry.Value;
            return copy;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken);
    }
}
