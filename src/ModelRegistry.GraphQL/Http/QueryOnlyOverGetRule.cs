using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Http;

/// <summary>Refuses every operation but a query on a GET request, since GETs may be cached and replayed by intermediaries.</summary>
public sealed class QueryOnlyOverGetRule : ValidationRuleBase
{
    /// <summary>The shared instance; the rule holds no state.</summary>
    public static QueryOnlyOverGetRule Instance { get; } = new();

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
            context.ReportError(new OperationNotAllowedOverGetError(context, context.Operation));
        return default;
    }
}

/// <summary>A mutation or subscription sent over GET; the HTTP layer answers it with 405 and <c>Allow: POST</c>.</summary>
public sealed class OperationNotAllowedOverGetError : ValidationError, ICodedError
{
    /// <summary>Creates the error for the selected operation.</summary>
    public OperationNotAllowedOverGetError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null,
            $"A {operation.Operation.ToString().ToLowerInvariant()} cannot be sent with GET; use POST.", operation)
    {
        Code = ErrorCodes.MethodNotAllowed;
    }
}
