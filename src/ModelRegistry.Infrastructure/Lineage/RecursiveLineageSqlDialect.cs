using System.Globalization;

namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>
/// The lineage walk: one <c>WITH RECURSIVE</c> statement over the <c>LineageEdges</c> table, in SQL that SQLite and
/// PostgreSQL both read (quoted identifiers, standard casts); the providers differ only in how a timestamp is passed.
/// </summary>
/// <remarks>
/// Each direction asked for is its own recursive table of (hop, node) rows, joined to the edges on that direction's
/// near end only: <c>SourceKind, SourceId</c> going downstream, <c>TargetKind, TargetId</c> going upstream. A BOTH walk
/// is the two of them side by side in the same statement, each keeping its own direction from the root. One join
/// condition for both directions (an <c>OR</c> on a per-row direction) gives the same rows, but PostgreSQL then probes
/// both edge indexes for every walked node and fetches every edge entering a downstream node only to discard it.
/// Each recursive table is combined with <c>UNION</c>, so a node enters a walk at most once per hop: that set, together
/// with the hop bound, is the cycle guard. A visited-path column would also stop cycles, but it makes one row per path,
/// which grows exponentially in diamond-shaped lineage. The walk never expands the root again when a cycle leads back
/// to it; the edge closing the cycle is still returned. The last step turns the reached nodes into the edges crossed
/// from them, each with the smallest hop it was met at in either direction.
/// </remarks>
public abstract class RecursiveLineageSqlDialect : ILineageSqlDialect
{
    // The edge columns a walk row carries, in the order of LineageWalkRow.
    private static readonly string[] EdgeColumns =
        ["Id", "SourceKind", "SourceId", "TargetKind", "TargetId", "Relation", "CreatedAt", "CreatedBy", "ValidFrom", "ValidTo"];

    /// <summary>The value to compare stored timestamps with, for a UTC instant.</summary>
    protected abstract object Timestamp(DateTime utc);

    /// <inheritdoc />
    public LineageWalkStatement BuildWalk(LineageWalkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parameters = new List<object> { request.Root.Kind.ToString(), request.Root.Id, request.Depth };
        const string rootKind = "{0}", rootId = "{1}", depth = "{2}";
        var edgeFilter = EdgeFilter(request, parameters);

        Way[] ways = request.Direction switch
        {
            LineageDirection.Downstream => [Way.Downstream],
            LineageDirection.Upstream => [Way.Upstream],
            _ => [Way.Downstream, Way.Upstream],
        };
        var walks = ways.Select(way => $"""
            {way.Name}(Hop, NodeKind, NodeId) AS (
                SELECT 0, CAST({rootKind} AS TEXT), CAST({rootId} AS BIGINT)
                UNION
                SELECT w.Hop + 1, e."{way.Far}Kind", e."{way.Far}Id"
                FROM {way.Name} AS w
                JOIN "LineageEdges" AS e
                  ON {way.Crossing}
                WHERE w.Hop < {depth}
                  AND NOT (w.Hop > 0 AND w.NodeKind = {rootKind} AND w.NodeId = {rootId})
                  AND {edgeFilter}
            ),
            {way.Name}_frontier(NodeKind, NodeId, Hop) AS (
                SELECT NodeKind, NodeId, MIN(Hop) FROM {way.Name} WHERE Hop < {depth} GROUP BY NodeKind, NodeId
            )
            """);
        var crossings = ways.Select(way => $"""
                SELECT {string.Join(", ", EdgeColumns.Select(c => $"e.\"{c}\""))}, w.Hop + 1
                FROM {way.Name}_frontier AS w
                JOIN "LineageEdges" AS e
                  ON {way.Crossing}
                WHERE {edgeFilter}
            """);
        var columns = string.Join(", ", EdgeColumns.Select(c => $"\"{c}\""));

        var sql = $"""
            WITH RECURSIVE
            {string.Join(",\n", walks)},
            crossed({columns}, Hop) AS (
            {string.Join("\n    UNION ALL\n", crossings)}
            )
            SELECT {columns}, MIN(Hop) AS "Hop"
            FROM crossed
            GROUP BY {columns}
            ORDER BY "Hop", "Id"
            """;
        return new LineageWalkStatement(sql, parameters.ToArray());
    }

    // One direction of travel: the recursive table's name, the end of an edge that must be the node the walk stands on
    // (where edges are joined) and the end it moves on to.
    private sealed record Way(string Name, string Near, string Far)
    {
        public static readonly Way Downstream = new("downstream", "Source", "Target");
        public static readonly Way Upstream = new("upstream", "Target", "Source");

        public string Crossing => $"""e."{Near}Kind" = w.NodeKind AND e."{Near}Id" = w.NodeId""";
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
