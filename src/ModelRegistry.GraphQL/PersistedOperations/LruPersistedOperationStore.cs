using Microsoft.Extensions.Options;

namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>
/// The APQ cache in memory, bounded by count and by text size; the least recently used documents are evicted first.
/// Anyone may register a document, so without both bounds a client could fill the server's memory.
/// </summary>
public sealed class LruPersistedOperationStore(IOptions<PersistedOperationOptions> options) : IPersistedOperationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Hash, string Document)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, string Document)> _recency = new();
    private long _bytes;

    /// <summary>Documents held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _index.Count;
        }
    }

    /// <inheritdoc />
    public bool TryGet(string hash, out string document)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(hash, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                document = node.Value.Document;
                return true;
            }
        }
        document = string.Empty;
        return false;
    }

    /// <inheritdoc />
    public void Store(string hash, string document)
    {
        var limits = options.Value;
        var size = SizeOf(document);
        // A document larger than the whole cache would evict everything and then itself: it simply runs unstored.
        if (limits.MaxEntries <= 0 || size > limits.MaxBytes)
            return;
        lock (_gate)
        {
            if (_index.TryGetValue(hash, out var existing))
            {
                _recency.Remove(existing);
                _recency.AddFirst(existing);
                return;
            }
            while (_index.Count >= limits.MaxEntries || _bytes + size > limits.MaxBytes)
                Evict();
            _index[hash] = _recency.AddFirst((hash, document));
            _bytes += size;
        }
    }

    private void Evict()
    {
        var oldest = _recency.Last!;
        _recency.RemoveLast();
        _index.Remove(oldest.Value.Hash);
        _bytes -= SizeOf(oldest.Value.Document);
    }

    private static long SizeOf(string document) => 2L * document.Length;
}
