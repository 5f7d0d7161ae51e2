using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Http;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>
/// Refuses mutations in event streams opened with GET, which browsers and proxies treat as safe to repeat, with the error
/// (and code, METHOD_NOT_ALLOWED) the HTTP transport gives a mutation over GET. Subscriptions stay allowed: EventSource
/// can only GET.
/// </summary>
internal sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static QueriesOnlyOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation)
        {
            context.ReportError(new OperationNotAllowedOverGetError(context, context.Operation));
        }
        return default;
    }
}
