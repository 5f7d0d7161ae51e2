using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Refuses operations a GET must not carry, since GETs may be cached and replayed by intermediaries: on plain HTTP every
/// operation but a query (<see cref="Instance"/>); in an event stream opened with GET only mutations
/// (<see cref="EventStream"/>), since EventSource can only GET and subscriptions must stay allowed there.
/// </summary>
public sealed class QueryOnlyOverGetRule : ValidationRuleBase
{
    private readonly bool allowSubscriptions;

    private QueryOnlyOverGetRule(bool allowSubscriptions) => this.allowSubscriptions = allowSubscriptions;

    /// <summary>The rule for plain HTTP GET: queries only.</summary>
    public static QueryOnlyOverGetRule Instance { get; } = new(allowSubscriptions: false);

    /// <summary>The rule for event streams opened with GET: queries and subscriptions.</summary>
    public static QueryOnlyOverGetRule EventStream { get; } = new(allowSubscriptions: true);

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation.Operation;
        if (operation == OperationType.Mutation || (operation == OperationType.Subscription && !allowSubscriptions))
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
