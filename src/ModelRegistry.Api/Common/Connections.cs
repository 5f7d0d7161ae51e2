using System.Linq.Expressions;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.DataLoading;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Common;

/// <summary>Resolver shorthands for connections: a root list, or a nested list batched over its parents.</summary>
public static class Connections
{
    /// <summary>Pages <paramref name="query"/> by <paramref name="keys"/>, which must end with a unique key.</summary>
    public static Task<Connection<T>> PageAsync<T>(this IResolveFieldContext context, IQueryable<T> query, params OrderKey[] keys)
        => query.PageAsync(keys, context.GetPagingArguments(), PagingOptions.Default, context.CancellationToken);

    /// <summary>
    /// Pages a nested list for this parent, batched with the same field of every sibling parent into one statement
    /// (plus one grouped COUNT when totalCount is selected).
    /// </summary>
    public static IDataLoaderResult<Connection<T>> PageForParent<T>(
        this IResolveFieldContext context, string name, long parentId,
        Func<RegistryDbContext, IQueryable<T>> source, Expression<Func<T, long>> parentKey, params OrderKey[] keys)
    {
        var arguments = context.GetPagingArguments();
        var db = context.Db();
        // Aliased fields with other arguments are different batches.
        var batch = $"{name}|{arguments.First}|{arguments.After}|{arguments.Last}|{arguments.Before}";
        return context.RequestServices!.GetRequiredService<BatchLoaderScope>()
            .GetOrAdd<long, Connection<T>>(batch,
                async (parents, ct) => await source(db).PageGroupsAsync(parentKey, parents, keys, arguments, PagingOptions.Default, ct),
                _ => new Connection<T>([], new PageInfo(false, false, null, null), 0))
            .Load(parentId);
    }
}
