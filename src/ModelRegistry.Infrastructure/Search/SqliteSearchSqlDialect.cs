using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>A search statement and its parameters.</summary>
public sealed record SearchStatement(string Sql, object[] Parameters);

/// <summary>
/// The database-specific SQL of <see cref="RegistrySearch"/>. Both forms return (Kind, EntityId, Tier, Rank) rows in the same
/// order: tier (every word in the entity's own name, else in its name or title, else anywhere), then rank (lower is
/// better), then kind and id; both honour the caller's read visibility in the statement itself.
/// </summary>
public interface ISearchSqlDialect
{
    /// <summary>Up to <paramref name="take"/> hits after <paramref name="after"/> (or from the top).</summary>
    SearchStatement Hits(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility, SearchHit? after, int take);

    /// <summary>The count of every hit, as one row named <c>Value</c>.</summary>
    SearchStatement Count(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility);
}

/// <summary>Search over the FTS5 table <c>SearchIndex</c>, ranked by <see cref="SearchIndexSql.Rank"/> (bm25).</summary>
public sealed class SqliteSearchSqlDialect : ISearchSqlDialect
{
    // Only constant fragments are ever concatenated; the user's words travel in @match, @inName and @inTitle.
    private const string HitsSql = $"""
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

    /// <inheritdoc />
    public SearchStatement Hits(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility, SearchHit? after, int take)
    {
        var parameters = new List<SqliteParameter>
        {
            new("@match", text.MatchExpression), new("@inName", text.InColumns("Name")), new("@inTitle", text.InColumns("Name", "Title")),
            new("@take", take),
        };
        var (filter, scope) = Filters(kinds, visibility);
        parameters.AddRange(scope);
        if (after is not null)
        {
            parameters.Add(new("@tier", after.Tier));
            parameters.Add(new("@rank", after.Rank));
            parameters.Add(new("@kind", after.Kind));
            parameters.Add(new("@id", after.EntityId));
        }
        return new(Apply(after is null ? HitsSql + InOrder : HitsSql + Beyond + InOrder, filter), parameters.ToArray<object>());
    }

    /// <inheritdoc />
    public SearchStatement Count(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility)
    {
        var (filter, scope) = Filters(kinds, visibility);
        return new(Apply(CountHits, filter), [new SqliteParameter("@match", text.MatchExpression), .. scope]);
    }

    private static string Apply(string sql, (string Kinds, string Visible) filter)
        => sql.Replace(KindsMarker, filter.Kinds, StringComparison.Ordinal).Replace(VisibleMarker, filter.Visible, StringComparison.Ordinal);

    private static ((string Kinds, string Visible) Sql, List<SqliteParameter> Parameters) Filters(IReadOnlyCollection<string>? kinds, ReadVisibility current)
    {
        var parameters = new List<SqliteParameter>();
        var kindsSql = "";
        if (kinds is { Count: > 0 })
        {
            kindsSql = OfKinds;
            parameters.Add(new("@kinds", JsonSerializer.Serialize(kinds)));
        }
        if (current.All)
            return ((kindsSql, ""), parameters);
        parameters.Add(new("@any", current.Any ? 1 : 0));
        parameters.Add(new("@owners", JsonSerializer.Serialize(current.Owners)));
        parameters.Add(new("@names", JsonSerializer.Serialize(current.ModelNames)));
        return ((kindsSql, Visible), parameters);
    }
}
