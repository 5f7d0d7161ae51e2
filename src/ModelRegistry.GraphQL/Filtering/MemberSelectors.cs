using System.Linq.Expressions;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Member-selector lambdas (<c>x =&gt; x.Model</c>) as filter and sort declarations use them.</summary>
internal static class MemberSelectors
{
    /// <summary>The selector without the conversion to object a <c>Func&lt;T, object?&gt;</c> adds around a value.</summary>
    public static LambdaExpression StripConversions(LambdaExpression selector)
    {
        var body = selector.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } unary)
            body = unary.Operand;
        return Expression.Lambda(body, selector.Parameters);
    }

    /// <summary>The explicit name, or the camel-cased name of the member the selector reads.</summary>
    public static string FieldName(LambdaExpression selector, string? name)
    {
        if (name is not null)
            return name;
        if (StripConversions(selector).Body is not MemberExpression access)
            throw new ArgumentException("Name the field: the selector is not a member access.", nameof(selector));
        return char.ToLowerInvariant(access.Member.Name[0]) + access.Member.Name[1..];
    }

    /// <summary>The selector's body read from <paramref name="target"/> instead of its parameter.</summary>
    public static Expression ReadFrom(LambdaExpression selector, Expression target)
        => new ParameterReplacer(selector.Parameters[0], target).Visit(selector.Body);

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
