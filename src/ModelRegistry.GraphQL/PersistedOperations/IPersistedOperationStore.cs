namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>
/// Where automatic persisted queries (APQ) keep the documents clients registered by hash. Entries may be dropped at
/// any time: a client whose hash is no longer known is told <c>PERSISTED_QUERY_NOT_FOUND</c> and sends the text again.
/// </summary>
public interface IPersistedOperationStore
{
    /// <summary>The document registered under <paramref name="hash"/>, if it is still held.</summary>
    bool TryGet(string hash, out string document);

    /// <summary>Registers <paramref name="document"/> under its <paramref name="hash"/> (already checked to match it).</summary>
    void Store(string hash, string document);
}
