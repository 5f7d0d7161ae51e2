namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>How persisted operations are served: the APQ cache's bounds, the trusted documents and only-persisted mode.</summary>
public sealed class PersistedOperationOptions
{
    /// <summary>Most documents the APQ cache holds; the least recently used go first.</summary>
    public int MaxEntries { get; set; } = 1_000;

    /// <summary>Most UTF-16 bytes of document text the APQ cache holds, so a few huge documents cannot fill memory.</summary>
    public long MaxBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The trusted documents (a manifest): id to document text. Ids are whatever the manifest's generator chose
    /// (SHA-256 from graphql-codegen, MD5 or SHA-256 from relay-compiler).
    /// </summary>
    public IReadOnlyDictionary<string, string> Manifest { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// When true only manifest documents run: ad-hoc documents and APQ registrations are refused with
    /// <c>PERSISTED_QUERY_ONLY</c> on every transport.
    /// </summary>
    public bool OnlyPersisted { get; set; }
}
