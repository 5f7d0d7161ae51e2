using System.Linq.Expressions;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>How a declared filter field is compiled.</summary>
internal enum FilterFieldKind
{
    Operation,
    Id,
    Object,
    ObjectList,
    ScalarList,
}

/// <summary>One declared field of a filter input: its name, kind and the member it reads.</summary>
internal sealed record FilterField(string Name, FilterFieldKind Kind, LambdaExpression Selector, string? IdTypeName = null)
{
    /// <summary>The member read from <paramref name="target"/> (the entity being tested).</summary>
    public Expression Read(Expression target)
        => new ParameterReplacer(Selector.Parameters[0], target).Visit(Selector.Body);

    /// <summary>Drops the conversion to object that a <c>Func&lt;T, object?&gt;</c> selector adds around a value.</summary>
    public static LambdaExpression StripBoxing(LambdaExpression selector)
    {
        var body = selector.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert } unary)
            body = unary.Operand;
        return Expression.Lambda(body, selector.Parameters);
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
