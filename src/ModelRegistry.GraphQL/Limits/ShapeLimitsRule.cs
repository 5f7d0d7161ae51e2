using GraphQL.Validation;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Refuses operations with too many aliases or root fields, and <c>__schema</c>/<c>__type</c> when introspection is off.
/// These are checks on the document's shape, so they run before the engine spends anything on it.
/// </summary>
public sealed class ShapeLimitsRule(GraphQLLimits limits) : ValidationRuleBase
{
    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation is null)
            return default;
        if (limits.MaxRootFields > 0)
        {
            var roots = OperationWalker.RootFields(context).Count();
            if (roots > limits.MaxRootFields)
            {
                context.ReportError(new LimitExceededError(context, LimitErrorCodes.MaxRootFieldsExceeded,
                    $"The operation selects {roots} root fields; at most {limits.MaxRootFields} are allowed.", context.Operation));
            }
        }
        var aliases = 0;
        foreach (var field in OperationWalker.Fields(context))
        {
            if (field.Alias is not null)
                aliases++;
            var name = field.Name.StringValue;
            if (!limits.Introspection && name is "__schema" or "__type")
            {
                context.ReportError(new LimitExceededError(context, LimitErrorCodes.IntrospectionDisabled,
                    "Introspection is disabled on this server.", field));
            }
        }
        if (limits.MaxAliases > 0 && aliases > limits.MaxAliases)
        {
            context.ReportError(new LimitExceededError(context, LimitErrorCodes.MaxAliasesExceeded,
                $"The operation uses {aliases} aliases; at most {limits.MaxAliases} are allowed.", context.Operation));
        }
        return default;
    }
}
