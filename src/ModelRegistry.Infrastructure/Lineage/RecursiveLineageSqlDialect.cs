using System.Globalization;

namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>
/// The lineage walk: one <c>WITH RECURSIVE</c> statement over the <c>LineageEdges</c> table, in SQL that SQLite and
/// PostgreSQL both read (quoted identifiers, standard casts); the providers differ only in how a timestamp is passed.
/// </summary>
/// <remarks>
/// The recursive table holds (direction, hop, node) rows and is combined with <c>UNION</c>, so each node enters the
/// walk at most once per direction and hop: that set, together with the hop bound, is the cycle guard. A visited-path
/// column would also stop cycles, but it makes one row per path, which grows exponentially in diamond-shaped lineage.
/// The walk never expands the root again when a cycle leads back to it; the edge closing the cycle is still returned.
/// The last step turns the reached nodes into the edges crossed from them, each with the smallest hop it was met at.
/// </remarks>
public abstract class RecursiveLineageSqlDialect : ILineageSqlDialect
{
    /// <summary>The value to compare stored timestamps with, for a UTC instant.</summary>
    protected abstract object Timestamp(DateTime utc);

    /// <inheritdoc />
    public LineageWalkStatement BuildWalk(LineageWalkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new List<object> { request.Root.Kind.ToString(), request.Root.Id, request.Depth };
        const string rootKind = "{0}", rootId = "{1}", depth = "{2}";

        var seeds = new List<string>();
        if (request.Direction is LineageDirection.Downstream or LineageDirection.Both)
            seeds.Add($"SELECT CAST('D' AS TEXT), 0, CAST({rootKind} AS TEXT), CAST({rootId} AS BIGINT)");
        if (request.Direction is LineageDirection.Upstream or LineageDirection.Both)
            seeds.Add($"SELECT CAST('U' AS TEXT), 0, CAST({rootKind} AS TEXT), CAST({rootId} AS BIGINT)");

        var edgeFilter = EdgeFilter(request, parameters);
        const string crossing = """
            (w.Dir = 'D' AND e."SourceKind" = w.NodeKind AND e."SourceId" = w.NodeId)
                  OR (w.Dir = 'U' AND e."TargetKind" = w.NodeKind AND e."TargetId" = w.NodeId)
            """;

        var sql = $"""
            WITH RECURSIVE
            walk(Dir, Hop, NodeKind, NodeId) AS (
                {string.Join("\n    UNION ALL\n    ", seeds)}
                UNION
                SELECT w.Dir, w.Hop + 1,
                       CASE w.Dir WHEN 'D' THEN e."TargetKind" ELSE e."SourceKind" END,
                       CASE w.Dir WHEN 'D' THEN e."TargetId" ELSE e."SourceId" END
                FROM walk AS w
                JOIN "LineageEdges" AS e
                  ON {crossing}
                WHERE w.Hop < {depth}
                  AND NOT (w.Hop > 0 AND w.NodeKind = {rootKind} AND w.NodeId = {rootId})
                  AND {edgeFilter}
            ),
            frontier(Dir, NodeKind, NodeId, Hop) AS (
                SELECT Dir, NodeKind, NodeId, MIN(Hop) FROM walk WHERE Hop < {depth} GROUP BY Dir, NodeKind, NodeId
            )
            SELECT e."Id", e."SourceKind", e."SourceId", e."TargetKind", e."TargetId", e."Relation",
                   e."CreatedAt", e."CreatedBy", e."ValidFrom", e."ValidTo", MIN(w.Hop) + 1 AS "Hop"
            FROM frontier AS w
            JOIN "LineageEdges" AS e
              ON {crossing}
            WHERE {edgeFilter}
            GROUP BY e."Id"
            ORDER BY "Hop", e."Id"
            """;
        return new LineageWalkStatement(sql, parameters.ToArray());
    }

    // Validity at a point in time (or liveness) and the relation filter; adds its parameters to the list.
    private string EdgeFilter(LineageWalkRequest request, List<object> parameters)
    {
        string filter;
        if (request.AsOf is { } asOf)
        {
            var at = Placeholder(parameters, Timestamp(ToUtc(asOf)));
            filter = $"""e."ValidFrom" <= {at} AND (e."ValidTo" IS NULL OR e."ValidTo" > {at})""";
        }
        else
        {
            filter = """e."ValidTo" IS NULL""";
        }
        if (request.Relations is { Count: > 0 } relations)
        {
            var names = relations.Distinct().Select(r => Placeholder(parameters, r.ToString()));
            filter += $""" AND e."Relation" IN ({string.Join(", ", names)})""";
        }
        return filter;
    }

    private static string Placeholder(List<object> parameters, object value)
    {
        parameters.Add(value);
        return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

/// <summary>The lineage walk on SQLite.</summary>
public sealed class SqliteLineageSqlDialect : RecursiveLineageSqlDialect
{
    // EF Core's SQLite provider stores DateTime as this text; compared as text it orders like the instant it names.
    private const string StoredDateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    /// <inheritdoc />
    protected override object Timestamp(DateTime utc) => utc.ToString(StoredDateTimeFormat, CultureInfo.InvariantCulture);
}

/// <summary>The lineage walk on PostgreSQL, where timestamps are typed.</summary>
public sealed class PostgresLineageSqlDialect : RecursiveLineageSqlDialect
{
    /// <inheritdoc />
    protected override object Timestamp(DateTime utc) => utc;
}
