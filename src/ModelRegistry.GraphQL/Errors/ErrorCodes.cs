namespace ModelRegistry.GraphQL.Errors;

/// <summary>The <c>extensions.code</c> values the toolkit itself puts on errors.</summary>
public static class ErrorCodes
{
    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document does not validate against the schema, or names no runnable operation.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>The HTTP request is not a well-formed GraphQL request (bad JSON, missing query, wrong parameter types).</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>An argument or variable has a value the server refuses (wrong type, malformed ID, oversized page).</summary>
    public const string InvalidArgument = "INVALID_ARGUMENT";

    /// <summary>A paging cursor is malformed or belongs to another ordering.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";

    /// <summary>The requested object does not exist.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>A batched request holds more operations than the endpoint accepts.</summary>
    public const string BatchTooLarge = "BATCH_TOO_LARGE";

    /// <summary>The operation may not run over the HTTP method used (a mutation over GET).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>The request body has a media type the endpoint does not read.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";

    /// <summary>None of the media types the client accepts can be produced.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";

    /// <summary>An unexpected failure inside the server; details stay in the logs.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>A resolver raised an error without naming a code.</summary>
    public const string ExecutionFailed = "EXECUTION_FAILED";

    /// <summary>A browser page from an origin the operator has not allowed opened a WebSocket or an event stream.</summary>
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";

    /// <summary>A subscription was sent as a plain JSON request, which cannot carry its events.</summary>
    public const string SubscriptionRequiresStream = "SUBSCRIPTION_REQUIRES_STREAM";

    /// <summary>A persisted operation's id or hash names no document the server holds; APQ clients then send the text.</summary>
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    /// <summary>An APQ hash sent with a document is not the SHA-256 of that document.</summary>
    public const string PersistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH";

    /// <summary>An APQ request names a protocol version other than 1, or carries a malformed <c>persistedQuery</c>.</summary>
    public const string PersistedQueryInvalid = "PERSISTED_QUERY_INVALID";

    /// <summary>Only trusted (manifest) documents run here; an ad-hoc document or an APQ registration was sent.</summary>
    public const string PersistedQueryOnly = "PERSISTED_QUERY_ONLY";
}
