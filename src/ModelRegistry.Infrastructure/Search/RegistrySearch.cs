using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// Ranked full-text search over models, versions, datasets and deployments, read from the FTS5 index that the
/// AddSearchIndex migration keeps in step with writes. Order: bm25 rank, then kind, then id, so ties are stable and a page
/// continues after (rank, kind, id) of the previous page's last hit.
/// </summary>
/// <remarks>
/// bm25 scores depend on the whole index (document counts and lengths), so a write between two pages can move scores a
/// little; as with offset paging, a hit near the page boundary may then repeat or be skipped. Without writes in between,
/// paging visits every hit exactly once.
/// </remarks>
public sealed class RegistrySearch(RegistryDbContext db, ReadVisibilityHolder visibility)
{
    // Only constant fragments are ever concatenated; the user's words travel in @match.
    private const string Hits = $"""
        SELECT Kind, EntityId, Rank FROM (
            SELECT Kind, EntityId, {SearchIndexSql.Rank} AS Rank FROM SearchIndex WHERE SearchIndex MATCH @match {VisibleMarker})
        """;

    private const string VisibleMarker = "/*visible*/";

    // The index is read in raw SQL, past the read filters: a caller who may not read everything only gets hits on
    // the models of its teams and named models (and shared datasets), so neither entities nor counts leak.
    private const string Visible = """
        AND ((Kind = 'Dataset' AND @any = 1)
          OR (Kind = 'Model' AND EXISTS (SELECT 1 FROM Models m WHERE m.Id = EntityId AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names)))))
          OR (Kind = 'ModelVersion' AND EXISTS (SELECT 1 FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId WHERE v.Id = EntityId
                AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names)))))
          OR (Kind = 'Deployment' AND EXISTS (SELECT 1 FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId JOIN Models m ON m.Id = v.ModelId
                WHERE d.Id = EntityId AND (m.Owner IN (SELECT value FROM json_each(@owners)) OR m.Name IN (SELECT value FROM json_each(@names))))))
        """;

    private const string Beyond = """
         WHERE Rank > @rank OR (Rank = @rank AND (Kind > @kind OR (Kind = @kind AND EntityId > @id)))
        """;

    private const string CountHits = $"SELECT count(*) AS Value FROM SearchIndex WHERE SearchIndex MATCH @match {VisibleMarker}";

    private const string InOrder = " ORDER BY Rank, Kind, EntityId LIMIT @take";

    /// <summary>Finds up to <paramref name="take"/> hits after <paramref name="after"/> (or from the top), entities loaded.</summary>
    /// <remarks>Each kind present loads in one query; a hit whose entity vanished meanwhile is left out.</remarks>
    public async Task<IReadOnlyList<SearchMatch>> FindAsync(SearchText text, SearchHit? after, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.MatchExpression is null || take <= 0)
            return [];
        var parameters = new List<SqliteParameter> { new("@match", text.MatchExpression), new("@take", take) };
        var (filter, scope) = VisibilityFilter();
        parameters.AddRange(scope);
        if (after is not null)
        {
            parameters.Add(new("@rank", after.Rank));
            parameters.Add(new("@kind", after.Kind));
            parameters.Add(new("@id", after.EntityId));
        }
        var sql = (after is null ? Hits + InOrder : Hits + Beyond + InOrder).Replace(VisibleMarker, filter, StringComparison.Ordinal);
        var hits = await db.Database.SqlQueryRaw<SearchHit>(sql, parameters.ToArray<object>()).ToListAsync(cancellationToken);
        var entities = await LoadAsync(hits, cancellationToken);
        return hits
            .Where(h => entities.ContainsKey((h.Kind, h.EntityId)))
            .Select(h => new SearchMatch(h, entities[(h.Kind, h.EntityId)]))
            .ToList();
    }

    /// <summary>Counts every hit of the text.</summary>
    public async Task<int> CountAsync(SearchText text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.MatchExpression is null)
            return 0;
        var (filter, scope) = VisibilityFilter();
        var sql = CountHits.Replace(VisibleMarker, filter, StringComparison.Ordinal);
        return await db.Database
            .SqlQueryRaw<int>(sql,
                [new SqliteParameter("@match", text.MatchExpression), .. scope])
            .SingleAsync(cancellationToken);
    }

    private (string Sql, SqliteParameter[] Parameters) VisibilityFilter()
    {
        var current = visibility.Current;
        if (current.All)
            return ("", []);
        return (Visible,
        [
            new("@any", current.Any ? 1 : 0),
            new("@owners", System.Text.Json.JsonSerializer.Serialize(current.Owners)),
            new("@names", System.Text.Json.JsonSerializer.Serialize(current.ModelNames)),
        ]);
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
