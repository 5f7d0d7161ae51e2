using System.Collections.Concurrent;

namespace ModelRegistry.GraphQL.DataLoading;

/// <summary>The batch loaders of one request (a scoped service), looked up by name.</summary>
public sealed class BatchLoaderScope
{
    private readonly ConcurrentDictionary<string, object> _loaders = new();

    /// <summary>Returns the request's loader of that name, creating it on first use.</summary>
    public BatchLoader<TKey, TValue> GetOrAdd<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        Func<TKey, TValue> missing) where TKey : notnull
        => (BatchLoader<TKey, TValue>)_loaders.GetOrAdd(name, _ => new BatchLoader<TKey, TValue>(fetch, missing));
}
