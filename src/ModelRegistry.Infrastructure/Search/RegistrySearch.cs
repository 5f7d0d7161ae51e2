using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// Ranked full-text search over models, versions, datasets, dataset versions, deployments and consumer applications,
/// read from the index that the search migrations keep in step with writes (FTS5 on SQLite, a weighted tsvector on
/// PostgreSQL; <see cref="ISearchSqlDialect"/> holds each one's SQL). Order: tier (every word in the entity's
/// own name, else in its name or title, else anywhere), then bm25 rank, then kind, then id, so ties are stable and a
/// page continues after (tier, rank, kind, id) of the previous page's last hit.
/// </summary>
/// <remarks>
/// The tier exists because FTS5's bm25 normalises by the length of the whole row, not of the column hit: a model with a
/// long description lost to a short deployment row that only borrows the model's name, whatever the column weights.
/// bm25 scores depend on the whole index (document counts and lengths), so a write between two pages can move scores a
/// little; as with offset paging, a hit near the page boundary may then repeat or be skipped. Without writes in between,
/// paging visits every hit exactly once.
/// </remarks>
public sealed class RegistrySearch(RegistryDbContext db, ReadVisibilityHolder visibility, ISearchSqlDialect dialect)
{
    /// <summary>
    /// Finds up to <paramref name="take"/> hits after <paramref name="after"/> (or from the top), of the given kinds
    /// (<see cref="SearchKinds"/>; null or empty for all), entities loaded.
    /// </summary>
    /// <remarks>Each kind present loads in one query; a hit whose entity vanished meanwhile is left out.</remarks>
    public async Task<IReadOnlyList<SearchMatch>> FindAsync(
        SearchText text, IReadOnlyCollection<string>? kinds, SearchHit? after, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.MatchExpression is null || take <= 0)
            return [];
        var statement = dialect.Hits(text, kinds, visibility.Current, after, take);
        var hits = await db.Database.SqlQueryRaw<SearchHit>(statement.Sql, statement.Parameters).ToListAsync(cancellationToken);
        var entities = await LoadAsync(hits, cancellationToken);
        return hits
            .Where(h => entities.ContainsKey((h.Kind, h.EntityId)))
            .Select(h => new SearchMatch(h, entities[(h.Kind, h.EntityId)]))
            .ToList();
    }

    /// <summary>Counts every hit of the text among the given kinds (null or empty for all).</summary>
    public async Task<int> CountAsync(SearchText text, IReadOnlyCollection<string>? kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.MatchExpression is null)
            return 0;
        var statement = dialect.Count(text, kinds, visibility.Current);
        return await db.Database.SqlQueryRaw<int>(statement.Sql, statement.Parameters).SingleAsync(cancellationToken);
    }

    private async Task<Dictionary<(string, long), object>> LoadAsync(IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<(string, long), object>();
        foreach (var group in hits.GroupBy(h => h.Kind))
        {
            var ids = group.Select(h => h.EntityId).ToList();
            var rows = group.Key switch
            {
                SearchKinds.Model => Keyed(await db.Models.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken), m => m.Id),
                SearchKinds.ModelVersion => Keyed(await db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken), v => v.Id),
                SearchKinds.Dataset => Keyed(await db.Datasets.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken), d => d.Id),
                SearchKinds.Deployment => Keyed(await db.Deployments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken), d => d.Id),
                SearchKinds.DatasetVersion => Keyed(await db.DatasetVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken), v => v.Id),
                SearchKinds.ConsumerApplication => Keyed(await db.ConsumerApplications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken), a => a.Id),
                _ => throw new InvalidOperationException($"The search index holds an unknown kind '{group.Key}'."),
            };
            foreach (var (id, entity) in rows)
                loaded[(group.Key, id)] = entity;
        }
        return loaded;
    }

    private static IEnumerable<(long Id, object Entity)> Keyed<T>(List<T> rows, Func<T, long> id) where T : class
        => rows.Select(row => (id(row), (object)row));
}
