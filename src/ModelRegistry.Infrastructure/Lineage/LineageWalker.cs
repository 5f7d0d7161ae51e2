using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>Reads the lineage around one node with a single recursive statement, then caps the picture at <see cref="NodeCap"/> nodes.</summary>
public sealed class LineageWalker(RegistryDbContext db, ILineageSqlDialect dialect, ReadVisibilityHolder visibility)
{
    /// <summary>The deepest walk a request may ask for.</summary>
    public const int MaxDepth = 10;

    /// <summary>The most nodes (root included) one walk returns; the nearest are kept.</summary>
    public const int NodeCap = 500;

    /// <summary>
    /// The most edges one walk returns, nearest first. Edges between the kept nodes can outnumber them many times over
    /// (a consumer reading hundreds of deployments), so the picture is bounded in edges too, and says so in <c>Truncated</c>.
    /// </summary>
    public const int EdgeCap = 2_000;

    /// <summary>Walks from the request's root; null when the root does not exist.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The depth is outside 0..<see cref="MaxDepth"/>.</exception>
    public async Task<LineageWalkResult?> WalkAsync(LineageWalkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.Depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Depth, MaxDepth);
        if (!await AddLineageEdge.ExistsAsync(db, request.Root.Kind, request.Root.Id, cancellationToken))
            return null;

        var statement = dialect.BuildWalk(request);
        var rows = await db.Database.SqlQueryRaw<LineageWalkRow>(statement.Sql, statement.Parameters).ToListAsync(cancellationToken);
        var result = Cap(request.Root, rows.Select(r => (Edge: r.ToEdge(), r.Hop)).ToList());
        return visibility.Current.All ? result : await HideAsync(result, cancellationToken);
    }

    // The walk itself runs in raw SQL, past the read filters; drop what the caller may not read, keeping the count.
    private async Task<LineageWalkResult> HideAsync(LineageWalkResult result, CancellationToken cancellationToken)
    {
        var visible = new HashSet<LineageNodeRef>();
        foreach (var kind in result.Nodes.Select(n => n.Kind).Distinct())
        {
            var ids = result.Nodes.Where(n => n.Kind == kind).Select(n => n.Id).ToList();
            var readable = kind switch
            {
                LineageNodeKind.ModelVersion => await db.ModelVersions.Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken),
                LineageNodeKind.DatasetVersion => await db.DatasetVersions.Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken),
                LineageNodeKind.Deployment => await db.Deployments.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken),
                _ => await db.ConsumerApplications.Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken),
            };
            visible.UnionWith(readable.Select(id => new LineageNodeRef(kind, id)));
        }
        var nodes = result.Nodes.Where(visible.Contains).ToList();
        var edges = result.Edges.Where(e => visible.Contains(new LineageNodeRef(e.SourceKind, e.SourceId))
                                            && visible.Contains(new LineageNodeRef(e.TargetKind, e.TargetId))).ToList();
        return result with { Nodes = nodes, Edges = edges, HiddenNodes = result.Nodes.Count - nodes.Count };
    }

    // A node's distance is the smallest hop of the edges touching it: an edge that reaches a node has the node's
    // distance as its hop, and an edge leaving it has a larger one.
    private static LineageWalkResult Cap(LineageNodeRef root, List<(LineageEdge Edge, int Hop)> reached)
    {
        var distance = new Dictionary<LineageNodeRef, int> { [root] = 0 };
        foreach (var (edge, hop) in reached)
        {
            Reach(distance, new LineageNodeRef(edge.SourceKind, edge.SourceId), hop);
            Reach(distance, new LineageNodeRef(edge.TargetKind, edge.TargetId), hop);
        }
        var nodes = distance
            .OrderBy(d => d.Value).ThenBy(d => d.Key.Kind).ThenBy(d => d.Key.Id)
            .Select(d => d.Key)
            .Take(NodeCap)
            .ToList();
        var kept = nodes.ToHashSet();
        var edges = reached
            .Where(r => kept.Contains(new LineageNodeRef(r.Edge.SourceKind, r.Edge.SourceId))
                        && kept.Contains(new LineageNodeRef(r.Edge.TargetKind, r.Edge.TargetId)))
            .OrderBy(r => r.Hop).ThenBy(r => r.Edge.Id)
            .Select(r => r.Edge)
            .Take(EdgeCap + 1)
            .ToList();
        var edgesCut = edges.Count > EdgeCap;
        if (edgesCut)
            edges.RemoveAt(EdgeCap);
        return new LineageWalkResult(root, nodes, edges, distance.Count > NodeCap || edgesCut);
    }

    private static void Reach(Dictionary<LineageNodeRef, int> distance, LineageNodeRef node, int hop)
    {
        if (!distance.TryGetValue(node, out var known) || hop < known)
            distance[node] = hop;
    }
}
