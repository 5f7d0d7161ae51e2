using ModelRegistry.Core.Governance;
using Npgsql;
using NpgsqlTypes;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// Search over PostgreSQL's <c>SearchIndex</c>: one weighted <c>tsvector</c> per entity (name A, title B, parent and tags C,
/// free text and facts D) under a GIN index. The tiers use weight-restricted queries (every word in the A lexemes, then in A
/// or B); the rank is <c>ts_rank</c> with the weights below, negated so that lower is better, as bm25 is on SQLite.
/// </summary>
public sealed class PostgresSearchSqlDialect : ISearchSqlDialect
{
    // ts_rank's weights in its order {D, C, B, A}: close to the SQLite column weights (name 10, title 6, tags 4,
    // parent 3, facts 2, free text 1) scaled to 1, with the four classes PostgreSQL has.
    private const string Weights = "ARRAY[0.15, 0.35, 0.6, 1.0]::float4[]";

    // Only constant fragments are ever concatenated; the user's words travel in @match, @inName and @inTitle.
    private const string HitsSql = $"""
        SELECT "Kind", "EntityId", "Tier", "Rank" FROM (
            SELECT s."Kind", s."EntityId",
                   CASE WHEN s."Document" @@ to_tsquery('simple', unaccent(@inName)) THEN 0
                        WHEN s."Document" @@ to_tsquery('simple', unaccent(@inTitle)) THEN 1
                        ELSE 2 END AS "Tier",
                   (-ts_rank({Weights}, s."Document", to_tsquery('simple', unaccent(@match))))::float8 AS "Rank"
            FROM "SearchIndex" s WHERE s."Document" @@ to_tsquery('simple', unaccent(@match)) {KindsMarker} {VisibleMarker}) hits
        """;

    private const string VisibleMarker = "/*visible*/";
    private const string KindsMarker = "/*kinds*/";

    private const string OfKinds = """AND s."Kind" = ANY(@kinds)""";

    // Read past the read filters, as on SQLite: a caller who may not read everything only gets hits on the models of its
    // teams and named models (and the shared datasets and applications).
    private const string Visible = """
        AND ((s."Kind" IN ('Dataset', 'DatasetVersion', 'ConsumerApplication') AND @any)
          OR (s."Kind" = 'Model' AND EXISTS (SELECT 1 FROM "Models" m WHERE m."Id" = s."EntityId" AND (m."Owner" = ANY(@owners) OR m."Name" = ANY(@names))))
          OR (s."Kind" = 'ModelVersion' AND EXISTS (SELECT 1 FROM "ModelVersions" v JOIN "Models" m ON m."Id" = v."ModelId" WHERE v."Id" = s."EntityId"
                AND (m."Owner" = ANY(@owners) OR m."Name" = ANY(@names))))
          OR (s."Kind" = 'Deployment' AND EXISTS (SELECT 1 FROM "Deployments" d JOIN "ModelVersions" v ON v."Id" = d."ModelVersionId" JOIN "Models" m ON m."Id" = v."ModelId"
                WHERE d."Id" = s."EntityId" AND (m."Owner" = ANY(@owners) OR m."Name" = ANY(@names)))))
        """;

    private const string Beyond = """
         WHERE ("Tier", "Rank", "Kind", "EntityId") > (@tier, @rank, @kind, @id)
        """;

    private const string CountHits = $"""SELECT count(*)::int AS "Value" FROM "SearchIndex" s WHERE s."Document" @@ to_tsquery('simple', unaccent(@match)) {KindsMarker} {VisibleMarker}""";

    private const string InOrder = """ ORDER BY "Tier", "Rank", "Kind", "EntityId" LIMIT @take""";

    /// <inheritdoc />
    public SearchStatement Hits(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility, SearchHit? after, int take)
    {
        var parameters = new List<NpgsqlParameter>
        {
            Text("match", text.TsQuery()), Text("inName", text.TsQuery("A")), Text("inTitle", text.TsQuery("AB")),
            new("take", NpgsqlDbType.Integer) { Value = take },
        };
        var (filter, scope) = Filters(kinds, visibility);
        parameters.AddRange(scope);
        if (after is not null)
        {
            parameters.Add(new("tier", NpgsqlDbType.Integer) { Value = after.Tier });
            parameters.Add(new("rank", NpgsqlDbType.Double) { Value = after.Rank });
            parameters.Add(Text("kind", after.Kind));
            parameters.Add(new("id", NpgsqlDbType.Bigint) { Value = after.EntityId });
        }
        return new(Apply(after is null ? HitsSql + InOrder : HitsSql + Beyond + InOrder, filter), parameters.ToArray<object>());
    }

    /// <inheritdoc />
    public SearchStatement Count(SearchText text, IReadOnlyCollection<string>? kinds, ReadVisibility visibility)
    {
        var (filter, scope) = Filters(kinds, visibility);
        return new(Apply(CountHits, filter), [Text("match", text.TsQuery()), .. scope]);
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Texts(string name, IEnumerable<string> values)
        => new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static string Apply(string sql, (string Kinds, string Visible) filter)
        => sql.Replace(KindsMarker, filter.Kinds, StringComparison.Ordinal).Replace(VisibleMarker, filter.Visible, StringComparison.Ordinal);

    private static ((string Kinds, string Visible) Sql, List<NpgsqlParameter> Parameters) Filters(IReadOnlyCollection<string>? kinds, ReadVisibility current)
    {
        var parameters = new List<NpgsqlParameter>();
        var kindsSql = "";
        if (kinds is { Count: > 0 })
        {
            kindsSql = OfKinds;
            parameters.Add(Texts("kinds", kinds));
        }
        if (current.All)
            return ((kindsSql, ""), parameters);
        parameters.Add(new("any", NpgsqlDbType.Boolean) { Value = current.Any });
        parameters.Add(Texts("owners", current.Owners));
        parameters.Add(Texts("names", current.ModelNames));
        return ((kindsSql, Visible), parameters);
    }
}
