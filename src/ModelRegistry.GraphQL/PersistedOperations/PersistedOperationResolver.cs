using System.Security.Cryptography;
using System.Text;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>A request ready to run (its document text filled in), or why it may not run.</summary>
public readonly record struct PersistedResolution(GraphQLRequest? Request, PersistedOperationError? Error);

/// <summary>
/// Turns a request that names a persisted operation into one that carries its document, for every transport:
/// Apollo's automatic persisted queries (<c>extensions.persistedQuery = { version: 1, sha256Hash }</c>, with or without
/// the text), the GraphQL-over-HTTP <c>documentId</c>, and trusted documents from a manifest. In only-persisted mode it
/// is also where anything but a manifest document is refused. The document it returns still meets every limit, since
/// the executor validates it like any other.
/// </summary>
public sealed class PersistedOperationResolver(IPersistedOperationStore store, IOptions<PersistedOperationOptions> options)
{
    /// <summary>The <c>extensions</c> member that carries an APQ request.</summary>
    public const string ExtensionName = "persistedQuery";

    private const string Sha256Prefix = "sha256:";

    /// <summary>True when the request names a persisted operation, so it needs no <c>query</c> of its own.</summary>
    public static bool NamesPersistedOperation(GraphQLRequest request)
        => !string.IsNullOrEmpty(request.DocumentId) || request.Extensions?.ContainsKey(ExtensionName) == true;

    /// <summary>The document the request will run, without registering anything; null when none is known.</summary>
    public string? DocumentOf(GraphQLRequest request)
        => Resolve(request, register: false).Request?.Query;

    /// <summary>Resolves the request, registering an APQ document sent with a matching hash.</summary>
    public PersistedResolution Resolve(GraphQLRequest request) => Resolve(request, register: true);

    private PersistedResolution Resolve(GraphQLRequest request, bool register)
    {
        if (!string.IsNullOrEmpty(request.DocumentId))
            return ByDocumentId(request);
        if (request.Extensions?.TryGetValue(ExtensionName, out var persisted) == true)
            return ByApq(request, persisted, register);
        if (Settings.OnlyPersisted)
            return Refuse(ErrorCodes.PersistedQueryOnly, StatusCodes.Status400BadRequest,
                "Only trusted documents run on this server; send a 'documentId' (or an APQ hash) from the published manifest.");
        return new PersistedResolution(request, null);
    }

    private PersistedOperationOptions Settings => options.Value;

    private PersistedResolution ByDocumentId(GraphQLRequest request)
    {
        var id = request.DocumentId!;
        if (!string.IsNullOrEmpty(request.Query))
            return Refuse(ErrorCodes.BadRequest, StatusCodes.Status400BadRequest, "Send either 'documentId' or 'query', not both.");
        if (FromManifest(id) is { } trusted)
            return Run(request, trusted);
        // Outside only-persisted mode a sha256-prefixed id may also name a document registered through APQ.
        if (!Settings.OnlyPersisted && id.StartsWith(Sha256Prefix, StringComparison.Ordinal)
                                    && store.TryGet(id[Sha256Prefix.Length..].ToLowerInvariant(), out var registered))
            return Run(request, registered);
        return NotFound($"No persisted document has the id '{Shorten(id)}'.");
    }

    private PersistedResolution ByApq(GraphQLRequest request, object? persisted, bool register)
    {
        if (persisted is not IDictionary<string, object?> fields)
            return Invalid("'extensions.persistedQuery' must be an object with 'version' and 'sha256Hash'.");
        if (!fields.TryGetValue("version", out var version) || !IsOne(version))
            return Invalid("Only version 1 of the persisted-query protocol is supported ('extensions.persistedQuery.version': 1).");
        if (!fields.TryGetValue("sha256Hash", out var rawHash) || rawHash is not string { Length: > 0 } hash)
            return Invalid("'extensions.persistedQuery.sha256Hash' must be a non-empty string.");
        if (string.IsNullOrEmpty(request.Query))
        {
            // A manifest id may be any string (relay-compiler writes MD5s); the APQ cache holds SHA-256 hashes only.
            if (FromManifest(hash) is { } trusted)
                return Run(request, trusted);
            if (!Settings.OnlyPersisted && IsSha256(hash) && store.TryGet(hash.ToLowerInvariant(), out var registered))
                return Run(request, registered);
            return NotFound("PersistedQueryNotFound");
        }
        if (!IsSha256(hash))
            return Invalid("'extensions.persistedQuery.sha256Hash' must be 64 hexadecimal digits (a SHA-256).");
        var normalised = hash.ToLowerInvariant();
        if (!string.Equals(normalised, Sha256Of(request.Query), StringComparison.Ordinal))
            return Refuse(ErrorCodes.PersistedQueryHashMismatch, StatusCodes.Status400BadRequest,
                "'extensions.persistedQuery.sha256Hash' is not the SHA-256 of the query text (lowercase hex of its UTF-8 bytes).");
        if (Settings.OnlyPersisted)
        {
            // A client that sends a trusted document together with its hash is still sending a trusted document.
            if (FromManifest(normalised) is { } trusted && trusted == request.Query)
                return Run(request, trusted);
            return Refuse(ErrorCodes.PersistedQueryOnly, StatusCodes.Status400BadRequest,
                "Only trusted documents run on this server; registering documents through automatic persisted queries is off.");
        }
        if (register)
            store.Store(normalised, request.Query);
        return Run(request, request.Query);
    }

    private string? FromManifest(string id)
    {
        if (Settings.Manifest.TryGetValue(id, out var document))
            return document;
        // The GraphQL-over-HTTP persisted-documents draft prefixes SHA-256 ids. Some manifests hold them bare, while
        // graphql-codegen 7's client preset keys them "sha256:<hex>" and Apollo's APQ link sends the bare hex: either
        // spelling finds either key.
        if (id.StartsWith(Sha256Prefix, StringComparison.Ordinal))
            return Settings.Manifest.TryGetValue(id[Sha256Prefix.Length..], out document) ? document : null;
        return IsSha256(id) && Settings.Manifest.TryGetValue(Sha256Prefix + id.ToLowerInvariant(), out document) ? document : null;
    }

    /// <summary>The lowercase hex SHA-256 of the document's UTF-8 bytes, as APQ clients compute it.</summary>
    public static string Sha256Of(string document)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    private static bool IsSha256(string hash) => hash.Length == 64 && hash.All(Uri.IsHexDigit);

    private static bool IsOne(object? version) => version switch
    {
        int i => i == 1,
        long l => l == 1,
        decimal d => d == 1,
        double d => d == 1,
        System.Numerics.BigInteger b => b == 1,
        _ => false,
    };

    private static PersistedResolution Run(GraphQLRequest request, string document) => new(new GraphQLRequest
    {
        Query = document,
        OperationName = request.OperationName,
        Variables = request.Variables,
        Extensions = request.Extensions,
    }, null);

    private static PersistedResolution NotFound(string message)
        => Refuse(ErrorCodes.PersistedQueryNotFound, StatusCodes.Status200OK, message);

    private static PersistedResolution Invalid(string message)
        => Refuse(ErrorCodes.PersistedQueryInvalid, StatusCodes.Status400BadRequest, message);

    private static PersistedResolution Refuse(string code, int status, string message)
        => new(null, new PersistedOperationError(code, message, status));

    private static string Shorten(string id) => id.Length <= 100 ? id : id[..100] + "…";
}
