using System.Linq.Expressions;
using System.Reflection;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.GraphQL.Sorting;

/// <summary>Operations on <see cref="OrderKey"/> lists: the unique tiebreaker, and ordering a query by them.</summary>
public static class OrderKeys
{
    private static readonly MethodInfo[] OrderingMethods = typeof(Queryable).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.GetParameters().Length == 2 && m.Name is nameof(Queryable.OrderBy) or nameof(Queryable.OrderByDescending)
            or nameof(Queryable.ThenBy) or nameof(Queryable.ThenByDescending))
        .ToArray();

    /// <summary>
    /// Appends the unique key (ascending) unless a key of the same name is already present, so every
    /// ordering is total and keyset cursors never skip or repeat rows.
    /// </summary>
    public static IReadOnlyList<OrderKey> ThenByUnique<T, TKey>(this IReadOnlyList<OrderKey> keys, Expression<Func<T, TKey>> unique, string name = "id")
        => keys.Any(k => k.Name == name) ? keys : [.. keys, OrderKey.By(unique, descending: false, name)];

    /// <summary>Orders a query by the keys with OrderBy/ThenBy, in list order.</summary>
    public static IOrderedQueryable<T> ApplyOrder<T>(this IQueryable<T> query, IReadOnlyList<OrderKey> keys)
    {
        if (keys.Count == 0)
            throw new ArgumentException("At least one order key is needed.", nameof(keys));
        var expression = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var name = (i == 0 ? "OrderBy" : "ThenBy") + (key.Descending ? "Descending" : "");
            var method = OrderingMethods.Single(m => m.Name == name).MakeGenericMethod(typeof(T), key.Selector.ReturnType);
            expression = Expression.Call(method, expression, Expression.Quote(key.Selector));
        }
        return (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(expression);
    }
}
