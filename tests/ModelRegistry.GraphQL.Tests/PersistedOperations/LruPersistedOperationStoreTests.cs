using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.PersistedOperations;

namespace ModelRegistry.GraphQL.Tests.PersistedOperations;

/// <summary>The APQ cache stays within its count and byte bounds, evicting the least recently used documents first.</summary>
public sealed class LruPersistedOperationStoreTests
{
    [Fact]
    public void Past_MaxEntries_the_least_recently_used_document_is_evicted()
    {
        var store = Store(maxEntries: 2, maxBytes: 1_000_000);
        store.Store("a", "{ a }");
        store.Store("b", "{ b }");
        Assert.True(store.TryGet("a", out _));

        store.Store("c", "{ c }");

        Assert.True(store.TryGet("a", out var a));
        Assert.Equal("{ a }", a);
        Assert.False(store.TryGet("b", out _));
        Assert.True(store.TryGet("c", out _));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void Past_MaxBytes_old_documents_are_evicted_until_the_new_one_fits()
    {
        var store = Store(maxEntries: 100, maxBytes: 2 * 30);
        store.Store("a", new string('a', 10));
        store.Store("b", new string('b', 10));

        store.Store("c", new string('c', 15));

        Assert.False(store.TryGet("a", out _));
        Assert.True(store.TryGet("b", out _));
        Assert.True(store.TryGet("c", out _));
    }

    [Fact]
    public void A_document_larger_than_the_whole_cache_is_not_stored_and_evicts_nothing()
    {
        var store = Store(maxEntries: 100, maxBytes: 2 * 30);
        store.Store("a", new string('a', 10));

        store.Store("huge", new string('h', 31));

        Assert.False(store.TryGet("huge", out _));
        Assert.True(store.TryGet("a", out _));
    }

    private static LruPersistedOperationStore Store(int maxEntries, long maxBytes)
        => new(Options.Create(new PersistedOperationOptions { MaxEntries = maxEntries, MaxBytes = maxBytes }));
}
