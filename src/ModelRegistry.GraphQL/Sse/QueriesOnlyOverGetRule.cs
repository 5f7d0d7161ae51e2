using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>Refuses mutations in event streams opened with GET, which browsers and proxies treat as safe to repeat.</summary>
internal sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static QueriesOnlyOverGetRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Mutation)
        {
            context.ReportError(new ValidationError(
                context.Document.Source, null, "Mutations are not allowed over GET; use POST.", context.Operation)
            {
                Code = "MUTATION_OVER_GET",
            });
        }
        return default;
    }
}
