using System.Linq.Expressions;

namespace ModelRegistry.Api.Common;

/// <summary>Sort keys for enum members, ranked in declaration order rather than by their stored text.</summary>
public static class EnumSortKey
{
    /// <summary>
    /// <c>x =&gt; x.Stage == A ? 0 : x.Stage == B ? 1 : …</c>. Enums are stored as their names, so ordering the column
    /// would sort alphabetically (ARCHIVED before DEVELOPMENT) and a keyset cursor could not compare the stored text
    /// with the enum's number. The rank is an int SQL computes with CASE, so order, cursor and seek agree.
    /// </summary>
    public static Expression<Func<T, int>> Rank<T, TEnum>(Expression<Func<T, TEnum>> member) where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        Expression rank = Expression.Constant(values.Length);
        for (var i = values.Length - 1; i >= 0; i--)
            rank = Expression.Condition(Expression.Equal(member.Body, Expression.Constant(values[i])), Expression.Constant(i), rank);
        return Expression.Lambda<Func<T, int>>(rank, member.Parameters);
    }
}
