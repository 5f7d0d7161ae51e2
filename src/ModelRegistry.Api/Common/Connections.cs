using GraphQL;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Common;

/// <summary>Resolver shorthand: pages a query with the field's paging arguments and a fixed ordering.</summary>
public static class Connections
{
    /// <summary>Pages <paramref name="query"/> by <paramref name="keys"/>, which must end with a unique key.</summary>
    public static Task<Connection<T>> PageAsync<T>(this IResolveFieldContext context, IQueryable<T> query, params OrderKey[] keys)
        => query.PageAsync(keys, context.GetPagingArguments(), PagingOptions.Default, context.CancellationToken);
}
