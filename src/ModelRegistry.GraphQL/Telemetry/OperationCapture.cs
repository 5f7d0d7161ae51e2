using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Telemetry;

/// <summary>
/// Notes which operation a request selected as validation starts. A request refused by validation comes back without
/// its operation, yet its errors and duration should be labelled by what it tried: one instance per execution.
/// </summary>
public sealed class OperationCapture : ValidationRuleBase
{
    /// <summary>The selected operation; null until validation ran (or when no operation could be selected).</summary>
    public GraphQLOperationDefinition? Operation { get; private set; }

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        Operation = context.Operation;
        return default;
    }
}
