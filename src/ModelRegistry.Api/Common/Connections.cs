using System.Linq.Expressions;
using System.Text.Json;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.DataLoading;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Common;

/// <summary>Resolver shorthands for connections: a root list, or a nested list batched over its parents.</summary>
public static class Connections
{
    /// <summary>
    /// Pages <paramref name="query"/> under the client's <c>where</c> and <c>order</c> (when the field declares them).
    /// Without <c>order</c> the rows follow <paramref name="defaultOrder"/>; the <paramref name="id"/> key always ends the ordering.
    /// </summary>
    public static Task<Connection<T>> PageFilteredAsync<T>(
        this IResolveFieldContext context, IQueryable<T> query, Expression<Func<T, long>> id, params OrderKey[] defaultOrder) where T : class
    {
        var (filter, keys) = ReadShape(context, id, defaultOrder);
        return IncludeNavigations(filter is null ? query : query.Where(filter), keys.Select(k => k.Selector))
            .PageAsync(keys, context.GetPagingArguments(), PagingOptions.Default, context.CancellationToken);
    }

    /// <summary>
    /// Pages a nested list for this parent, batched with the same field of every sibling parent into one statement
    /// (plus one grouped COUNT when totalCount is selected), under the client's <c>where</c> and <c>order</c> (when the
    /// field declares them); <paramref name="id"/> always ends the ordering.
    /// </summary>
    public static IDataLoaderResult<Connection<T>> PageFilteredForParent<T>(
        this IResolveFieldContext context, string name, long parentId,
        Func<RegistryDbContext, IQueryable<T>> source, Expression<Func<T, long>> parentKey,
        Expression<Func<T, long>> id, params OrderKey[] defaultOrder) where T : class
    {
        var (filter, keys) = ReadShape(context, id, defaultOrder);
        return context.PageForParent(name, parentId, source, parentKey, filter, keys);
    }

    /// <summary>
    /// Pages a nested list for this parent under <paramref name="filter"/> (null for none) and <paramref name="keys"/>,
    /// which must end with a unique key. Parents share a batch only when every argument of the field is the same.
    /// </summary>
    public static IDataLoaderResult<Connection<T>> PageForParent<T>(
        this IResolveFieldContext context, string name, long parentId,
        Func<RegistryDbContext, IQueryable<T>> source, Expression<Func<T, long>> parentKey,
        Expression<Func<T, bool>>? filter, IReadOnlyList<OrderKey> keys) where T : class
    {
        var arguments = context.GetPagingArguments();
        var db = context.Db();
        return context.RequestServices!.GetRequiredService<BatchLoaderScope>()
            .GetOrAdd<long, Connection<T>>(BatchKey(context, name),
                async (parents, ct) =>
                {
                    var rows = IncludeNavigations(filter is null ? source(db) : source(db).Where(filter), [parentKey, .. keys.Select(k => k.Selector)]);
                    return await rows.PageGroupsAsync(parentKey, parents, keys, arguments, PagingOptions.Default, ct);
                },
                _ => new Connection<T>([], new PageInfo(false, false, null, null), 0))
            .Load(parentId);
    }

    private static (Expression<Func<T, bool>>? Filter, IReadOnlyList<OrderKey> Keys) ReadShape<T>(
        IResolveFieldContext context, Expression<Func<T, long>> id, OrderKey[] defaultOrder)
    {
        var declared = context.FieldDefinition.Arguments;
        var filter = declared?.Find(FilterFieldExtensions.ArgumentName) is null ? null : context.GetFilterExpression<T>();
        var keys = declared?.Find(SortFieldExtensions.ArgumentName) is null ? defaultOrder : context.GetOrderKeys<T>(defaultOrder);
        return (filter, keys.ThenByUnique(id));
    }

    // The pagers read each row's key values (and its parent key) from the loaded entity, so a key reached through a
    // navigation (model.name, modelVersion.modelId) needs that navigation loaded; Include keeps it in the same statement.
    private static IQueryable<T> IncludeNavigations<T>(IQueryable<T> query, IEnumerable<LambdaExpression> selectors) where T : class
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var selector in selectors)
            new NavigationPaths(selector.Parameters[0], paths).Visit(selector.Body);
        return paths.Aggregate(query, (included, path) => included.Include(path));
    }

    // Every argument value (paging, where, order — variables already substituted) is part of the key, so aliased
    // fields with other arguments never share a batch, while the same field under sibling parents does.
    private static string BatchKey(IResolveFieldContext context, string name)
    {
        if (context.Arguments is not { Count: > 0 } arguments)
            return name;
        var values = arguments.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value.Value);
        return name + "|" + JsonSerializer.Serialize(values);
    }

    /// <summary>Collects the dotted navigation paths (e.g. <c>ModelVersion.Model</c>) that member chains read from the root.</summary>
    private sealed class NavigationPaths(ParameterExpression root, ISet<string> paths) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (!node.Type.IsValueType && node.Type != typeof(string) && Path(node) is { } path)
                paths.Add(path);
            return base.VisitMember(node);
        }

        private string? Path(Expression node) => node switch
        {
            MemberExpression { Expression: ParameterExpression parameter } member when parameter == root => member.Member.Name,
            MemberExpression { Expression: { } inner } member => Path(inner) is { } prefix ? prefix + "." + member.Member.Name : null,
            _ => null,
        };
    }
}
