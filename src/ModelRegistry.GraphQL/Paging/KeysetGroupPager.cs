using System.Linq.Expressions;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>
/// Keyset paging of a nested connection for many parents at once: one statement returns the page of every parent
/// (a per-parent LIMIT that EF Core translates to ROW_NUMBER() OVER (PARTITION BY …)), and one grouped COUNT serves
/// every parent's totalCount when it is asked for. This is what keeps nested lists at one statement per level.
/// </summary>
public static class KeysetGroupPager
{
    /// <summary>
    /// Pages <paramref name="source"/> for each parent in <paramref name="parents"/>; every parent gets a connection,
    /// empty when it has no rows. The same arguments (and cursors) apply to every parent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<TParent, Connection<T>>> PageGroupsAsync<T, TParent>(
        this IQueryable<T> source,
        Expression<Func<T, TParent>> parentKey,
        IReadOnlyList<TParent> parents,
        IReadOnlyList<OrderKey> keys,
        PagingArguments arguments,
        PagingOptions? options = null,
        CancellationToken cancellationToken = default) where TParent : notnull
    {
        options ??= PagingOptions.Default;
        var (size, backward) = KeysetPager.PageSize(arguments, options);
        var fingerprint = KeysetCursor.Fingerprint(keys);
        var seek = new KeysetSeek<T>(keys);
        var ofParents = source.Where(InList(parentKey, parents));
        var ordered = seek.Order(KeysetPager.ApplyCursors(ofParents, seek, keys, arguments, fingerprint), reverse: backward);

        // The per-parent LIMIT keeps the right rows, but the outer join returns them in no particular order; order them again.
        var rows = await KeysetPager.ToListAsync(seek.Order(PerParent(ordered, parentKey, size + 1), reverse: backward), cancellationToken);
        var readParent = parentKey.Compile();
        var counts = new Lazy<Task<Dictionary<TParent, int>>>(() => CountsAsync(ofParents, parentKey, cancellationToken));
        var result = new Dictionary<TParent, Connection<T>>();
        var byParent = rows.GroupBy(readParent).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var parent in parents.Distinct())
        {
            var page = byParent.TryGetValue(parent, out var list) ? list : [];
            var hasMore = page.Count > size;
            if (hasMore)
                page.RemoveAt(page.Count - 1);
            if (backward)
                page.Reverse();
            result[parent] = new Connection<T>(
                KeysetPager.Edges(page, seek, fingerprint),
                KeysetPager.Info(page, arguments, backward, hasMore, seek, fingerprint),
                async _ => (await counts.Value).GetValueOrDefault(parent));
        }
        return result;
    }

    // parents.Select(p => ordered.Where(row => key(row) == p).Take(n)) as one SelectMany EF can translate.
    private static IQueryable<T> PerParent<T, TParent>(IQueryable<T> ordered, Expression<Func<T, TParent>> parentKey, int take)
    {
        var parentsQuery = ordered.Select(parentKey).Distinct();
        var parent = Expression.Parameter(typeof(TParent), "parent");
        var sameParent = Expression.Lambda<Func<T, bool>>(Expression.Equal(parentKey.Body, parent), parentKey.Parameters);
        var perParent = Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(T)],
            Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(T)], ordered.Expression, Expression.Quote(sameParent)),
            Expression.Constant(take));
        var selector = Expression.Lambda<Func<TParent, IEnumerable<T>>>(perParent, parent);
        return parentsQuery.SelectMany(selector);
    }

    private static Expression<Func<T, bool>> InList<T, TParent>(Expression<Func<T, TParent>> parentKey, IReadOnlyList<TParent> parents)
    {
        // A member of a boxed value, not a constant, so EF sends the list as one parameter and reuses the plan.
        var list = Expression.Property(Expression.Constant(new KeyValueBox<List<TParent>>(parents.Distinct().ToList())), nameof(KeyValueBox<List<TParent>>.Value));
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TParent)], list, parentKey.Body);
        return Expression.Lambda<Func<T, bool>>(contains, parentKey.Parameters);
    }

    private static async Task<Dictionary<TParent, int>> CountsAsync<T, TParent>(
        IQueryable<T> source, Expression<Func<T, TParent>> parentKey, CancellationToken cancellationToken) where TParent : notnull
    {
        var grouped = source.GroupBy(parentKey).Select(g => new KeyValuePair<TParent, int>(g.Key, g.Count()));
        var pairs = grouped.Provider is IAsyncQueryProvider ? await grouped.ToListAsync(cancellationToken) : grouped.ToList();
        return pairs.ToDictionary(p => p.Key, p => p.Value);
    }
}
