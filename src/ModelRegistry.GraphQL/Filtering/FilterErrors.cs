using GraphQL;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Coded errors for filter and sort arguments that pass validation but cannot be honoured.</summary>
public static class FilterErrors
{
    /// <summary>The code of every such error; the same code malformed global IDs carry.</summary>
    public const string InvalidArgumentCode = "INVALID_ARGUMENT";

    /// <summary>Creates an <see cref="ExecutionError"/> with <see cref="InvalidArgumentCode"/>.</summary>
    public static ExecutionError InvalidArgument(string message) => new(message) { Code = InvalidArgumentCode };
}
