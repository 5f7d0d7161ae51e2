using System.Linq.Expressions;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>One key of an ordering: a member access lambda (T => key) and its direction.</summary>
/// <param name="Selector">An <c>Expression&lt;Func&lt;T, TKey&gt;&gt;</c> that EF can translate.</param>
/// <param name="Descending">True for DESC.</param>
/// <param name="Name">A stable name (e.g. "model.name") used to fingerprint cursors.</param>
public sealed record OrderKey(LambdaExpression Selector, bool Descending, string Name)
{
    /// <summary>Builds a key from a typed selector.</summary>
    public static OrderKey By<T, TKey>(Expression<Func<T, TKey>> selector, bool descending, string name)
        => new(selector, descending, name);
}
