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
    public Expression Read(Expression target) => MemberSelectors.ReadFrom(Selector, target);
}
