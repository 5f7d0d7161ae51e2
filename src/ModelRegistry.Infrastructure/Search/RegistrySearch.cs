using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// Ranked full-text search over models, versions, datasets, dataset versions, deployments and consumer applications,
/// read from the FTS5 index that the search migrations keep in step with writes. Order: tier (every word in the entity's
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
public sealed class RegistrySearch(RegistryDbContext db, ReadVisibilityHolder visibility)
{
    // Only constant fragments are ever concatenated; the user's words travel in @match, @inName and @inTitle.
    private const string Hits = $"""
        SELECT Kind, EntityId, Tier, Rank FROM (
            SELECT Kind, EntityId,
                   CASE WHEN rowid IN (SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH @inName) THEN 0
                        WHEN rowid IN (SELECT rowid FROM SearchIndex WHERE SearchIndex MATCH @inTitle) THEN 1
                        ELSE 2 END AS Tier,
                   {SearchIndexSql.Rank} AS Rank
            FROM SearchIndex WHERE SearchIndex MATCH @match {KindsMarker} {VisibleMarker})
        """;

    private const string VisibleMarker = "/*visible*/";
    private const string KindsMarker = "/*kinds*/";

    private const string OfKinds = "AND Kind IN (SELECT value FROM json_each(@kinds))";

    // The index is read in raw SQL, past the read filters: a caller who may not read everything only gets hits on
    // the models of its teams and named models (and the shared datasets and applications), so neither entities nor counts leak.
    private const string Visible = """
        AND ((Kind IN ('Dataset', 'DatasetVersion', 'ConsumerApplication') AND @any = 1)
          OR (Kind = 'Model' AND EXISTS (SELECT 1 FROM Models m WHERE m.Id = EntityId AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names)))))
          OR (Kind = 'ModelVersion' AND EXISTS (SELECT 1 FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId WHERE v.Id = EntityId
                AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names)))))
          OR (Kind = 'Deployment' AND EXISTS (SELECT 1 FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId JOIN Models m ON m.Id = v.ModelId
                WHERE d.Id = EntityId AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names))))))
        """;

    private const string Beyond = """
         WHERE (Tier, Rank, Kind, EntityId) > (@tier, @rank, @kind, @id)
        """;

    private const string CountHits = $"SELECT count(*) AS Value FROM SearchIndex WHERE SearchIndex MATCH @match {KindsMarker} {VisibleMarker}";

    private const string InOrder = " ORDER BY Tier, Rank, Kind, EntityId LIMIT @take";

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
        var parameters = new List<SqliteParameter>
        {
            new("@match", text.MatchExpression), new("@inName", text.InColumns("Name")), new("@inTitle", text.InColumns("Name", "Title")),
            new("@take", take),
        };
        var (filter, scope) = Filters(kinds);
        parameters.AddRange(scope);
        if (after is not null)
        {
            parameters.Add(new("@tier", after.Tier));
            parameters.Add(new("@rank", after.Rank));
            parameters.Add(new("@kind", after.Kind));
            parameters.Add(new("@id", after.EntityId));
        }
        var sql = Apply(after is null ? Hits + InOrder : Hits + Beyond + InOrder, filter);
        var hits = await db.Database.SqlQueryRaw<SearchHit>(sql, parameters.ToArray<object>()).ToListAsync(cancellationToken);
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
        var (filter, scope) = Filters(kinds);
        return await db.Database
            .SqlQueryRaw<int>(Apply(CountHits, filter), [new SqliteParameter("@match", text.MatchExpression), .. scope])
            .SingleAsync(cancellationToken);
    }

    private static string Apply(string sql, (string Kinds, string Visible) filter)
        => sql.Replace(KindsMarker, filter.Kinds, StringComparison.Ordinal).Replace(VisibleMarker, filter.Visible, StringComparison.Ordinal);

    private ((string Kinds, string Visible) Sql, List<SqliteParameter> Parameters) Filters(IReadOnlyCollection<string>? kinds)
    {
        var parameters = new List<SqliteParameter>();
        var kindsSql = "";
        if (kinds is { Count: > 0 })
        {
            kindsSql = OfKinds;
            parameters.Add(new("@kinds", System.Text.Json.JsonSerializer.Serialize(kinds)));
        }
        var current = visibility.Current;
        if (current.All)
            return ((kindsSql, ""), parameters);
        parameters.Add(new("@any", current.Any ? 1 : 0));
        parameters.Add(new("@owners", System.Text.Json.JsonSerializer.Serialize(current.Owners)));
        parameters.Add(new("@names", System.Text.Json.JsonSerializer.Serialize(current.ModelNames)));
        return ((kindsSql, Visible), parameters);
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
