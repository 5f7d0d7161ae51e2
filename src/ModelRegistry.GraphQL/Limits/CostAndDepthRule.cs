using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// GraphQL.NET's complexity analyzer with the toolkit's budget: list fields (and the <c>edges</c>/<c>nodes</c> of a
/// connection) multiply their children by <c>first</c>/<c>last</c> or the default page size. Introspection counts one per
/// field, so an IDE's schema query never eats the budget. Depth and cost refusals carry distinct codes.
/// </summary>
public static class CostAndDepthRule
{
    /// <summary>Creates the rule for <paramref name="limits"/>.</summary>
    public static ComplexityValidationRule Create(GraphQLLimits limits)
    {
        var builtIn = new ComplexityOptions().DefaultComplexityImpactDelegate;
        var options = new ComplexityOptions
        {
            // Limits are checked in the delegate below so each refusal gets its own code.
            MaxDepth = null,
            MaxComplexity = null,
            DefaultListImpactMultiplier = Math.Max(1, limits.DefaultListSize),
            DefaultComplexityImpactDelegate = context => IsIntrospection(context)
                ? new FieldComplexityResult(1, 1)
                : builtIn(context),
        };
        options.ValidateComplexityDelegate = context =>
        {
            if (limits.MaxDepth > 0 && context.MaxDepth > limits.MaxDepth)
            {
                context.Error = new LimitExceededError(context.ValidationContext, LimitErrorCodes.MaxDepthExceeded,
                    $"The operation nests fields {context.MaxDepth} levels deep; at most {limits.MaxDepth} are allowed.",
                    context.ValidationContext.Operation);
            }
            else if (limits.MaxComplexity > 0 && context.TotalImpact > limits.MaxComplexity)
            {
                context.Error = new LimitExceededError(context.ValidationContext, LimitErrorCodes.MaxComplexityExceeded,
                    $"The operation's estimated cost is {context.TotalImpact:0}; at most {limits.MaxComplexity:0} is allowed.",
                    context.ValidationContext.Operation);
            }
            return Task.CompletedTask;
        };
        return new ComplexityValidationRule(options);
    }

    private static bool IsIntrospection(FieldImpactContext context)
        => context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal);
}
