using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.DataLoading;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Common;

/// <summary>Resolver shorthands for the request's batch loaders over the registry database.</summary>
public static class Loaders
{
    /// <summary>The request's database context.</summary>
    public static RegistryDbContext Db(this IResolveFieldContext context)
        => context.RequestServices!.GetRequiredService<RegistryDbContext>();

    /// <summary>Loads one value per key (null when absent), batching sibling requests into one query.</summary>
    public static IDataLoaderResult<TValue?> LoadOne<TValue>(
        this IResolveFieldContext context, string name, long key,
        Func<RegistryDbContext, IReadOnlyList<long>, CancellationToken, Task<Dictionary<long, TValue>>> fetch) where TValue : class
    {
        var db = context.Db();
        return context.RequestServices!.GetRequiredService<BatchLoaderScope>()
            .GetOrAdd<long, TValue?>(name,
                async (keys, ct) => (await fetch(db, keys, ct)).ToDictionary(p => p.Key, p => (TValue?)p.Value),
                _ => null)
            .Load(key);
    }

    /// <summary>Loads an entity by its <c>Id</c> key, batched with every sibling request for the same entity type.</summary>
    public static IDataLoaderResult<T?> LoadById<T>(this IResolveFieldContext context, long id) where T : class
        => context.LoadOne<T>($"byId:{typeof(T).Name}", id, async (db, ids, ct) =>
            (await db.Set<T>().AsNoTracking().Where(e => ids.Contains(EF.Property<long>(e, "Id"))).ToListAsync(ct))
                .ToDictionary(IdOf<T>.Read));

    private static class IdOf<T>
    {
        public static readonly Func<T, long> Read = Compile();

        private static Func<T, long> Compile()
        {
            var row = System.Linq.Expressions.Expression.Parameter(typeof(T), "row");
            return System.Linq.Expressions.Expression.Lambda<Func<T, long>>(System.Linq.Expressions.Expression.Property(row, "Id"), row).Compile();
        }
    }

    /// <summary>Loads a list per key (empty when absent), batching sibling requests into one query.</summary>
    public static IDataLoaderResult<IReadOnlyList<TValue>> LoadMany<TValue>(
        this IResolveFieldContext context, string name, long key,
        Func<RegistryDbContext, IReadOnlyList<long>, CancellationToken, Task<List<(long Key, TValue Value)>>> fetch)
    {
        var db = context.Db();
        return context.RequestServices!.GetRequiredService<BatchLoaderScope>()
            .GetOrAdd<long, IReadOnlyList<TValue>>(name,
                async (keys, ct) => (await fetch(db, keys, ct))
                    .GroupBy(p => p.Key)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<TValue>)g.Select(p => p.Value).ToList()),
                _ => [])
            .Load(key);
    }
}
