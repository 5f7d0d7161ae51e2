using GraphQL;

namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>
/// Why a persisted-operation request was not run, with the HTTP status its answer takes. A not-found answers 200, as
/// Apollo's persisted-query link retries with the document when it reads that code from the response's errors.
/// </summary>
public sealed class PersistedOperationError : ExecutionError
{
    /// <summary>An error with its <c>extensions.code</c> and HTTP status.</summary>
    public PersistedOperationError(string code, string message, int statusCode) : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status of an answer that carries this error.</summary>
    public int StatusCode { get; }
}
