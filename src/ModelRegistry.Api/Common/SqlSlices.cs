using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.Api.Common;

/// <summary>
/// The first rows of a list for each of many keys, each key's slice taken in SQL. SQLite has no LATERAL join, and a
/// window function over the whole relation reads all of it (10 s for one lineage picture on the benchmark data), so
/// each key gets its own ordered, limited SELECT and the SELECTs of a batch go to the database as one UNION ALL, in
/// chunks under SQLite's limit on compound SELECTs. Each SELECT is an index seek that stops at its limit.
/// </summary>
internal static class SqlSlices
{
    private const int KeysPerStatement = 100;

    /// <summary>One row of a slice: the key it belongs to, and the value.</summary>
    public sealed class Row<T>
    {
        /// <summary>The key whose list the value belongs to.</summary>
        public long Key { get; init; }

        /// <summary>The value.</summary>
        public required T Value { get; init; }
    }

    /// <summary>At most <paramref name="take"/> rows of <paramref name="slice"/> for each key, in each slice's order.</summary>
    public static async Task<List<(long Key, T Value)>> TopPerKeyAsync<T>(
        IReadOnlyList<long> keys, int first, Func<long, IQueryable<Row<T>>> slice, int take, CancellationToken cancellationToken)
    {
        var rows = new List<(long, T)>();
        if (first == 0)
            return rows;
        foreach (var chunk in keys.Distinct().Chunk(KeysPerStatement))
        {
            var union = chunk.Select(key => slice(key).Take(take)).Aggregate((a, b) => a.Concat(b));
            foreach (var row in await union.AsNoTracking().ToListAsync(cancellationToken))
                rows.Add((row.Key, row.Value));
        }
        return rows;
    }

    /// <inheritdoc cref="TopPerKeyAsync{T}(IReadOnlyList{long}, int, Func{long, IQueryable{Row{T}}}, int, CancellationToken)"/>
    public static Task<List<(long Key, T Value)>> TopPerKeyAsync<T>(
        IReadOnlyList<long> keys, int first, Func<long, IQueryable<Row<T>>> slice, CancellationToken cancellationToken)
        => TopPerKeyAsync(keys, first, slice, first, cancellationToken);
}
