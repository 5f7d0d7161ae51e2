using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Infrastructure.Lineage;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Lineage;

/// <summary>
/// What a lineage field answers: the walk, and for a walk read as of a past instant, each node as it stood then. A live
/// answer leaves <see cref="Past"/> null and its nodes are loaded through the request's batch loaders.
/// </summary>
/// <param name="Walk">The nodes and edges reached.</param>
/// <param name="Past">Every node of the walk as it stood at the instant asked for; null for a live answer.</param>
public sealed record LineageAnswer(LineageWalkResult Walk, IReadOnlyDictionary<LineageNodeRef, object>? Past)
{
    /// <summary>
    /// Narrows a walk read as of <paramref name="at"/> to the nodes that existed then, each in its state then; null when the
    /// root itself did not exist yet. An edge valid at that time joins nodes that existed, but a row written by hand may not.
    /// </summary>
    public static async Task<LineageAnswer?> AsOfAsync(
        LineageWalkResult walk, DateTime at, RegistryDbContext db, StateHistory history, CancellationToken cancellationToken)
    {
        at = at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
        var past = new Dictionary<LineageNodeRef, object>();
        foreach (var (id, version) in await history.VersionsAtAsync(Keys(walk, LineageNodeKind.ModelVersion), at, cancellationToken))
            past[new LineageNodeRef(LineageNodeKind.ModelVersion, id)] = version;
        foreach (var (id, deployment) in await history.DeploymentsAtAsync(Keys(walk, LineageNodeKind.Deployment), at, cancellationToken))
            past[new LineageNodeRef(LineageNodeKind.Deployment, id)] = deployment;
        // Dataset versions and consumer applications have no state that changes; only whether they existed yet.
        var datasetVersions = Keys(walk, LineageNodeKind.DatasetVersion);
        foreach (var version in await db.DatasetVersions.AsNoTracking().Where(v => datasetVersions.Contains(v.Id) && v.CreatedAt <= at).ToListAsync(cancellationToken))
            past[new LineageNodeRef(LineageNodeKind.DatasetVersion, version.Id)] = version;
        var consumers = Keys(walk, LineageNodeKind.ConsumerApplication);
        foreach (var consumer in await db.ConsumerApplications.AsNoTracking().Where(a => consumers.Contains(a.Id) && a.CreatedAt <= at).ToListAsync(cancellationToken))
            past[new LineageNodeRef(LineageNodeKind.ConsumerApplication, consumer.Id)] = consumer;

        if (!past.ContainsKey(walk.Root))
            return null;
        var edges = walk.Edges
            .Where(e => past.ContainsKey(SourceOf(e)) && past.ContainsKey(TargetOf(e)))
            .Select(e => (LineageEdge)LineageEdgeAsOf.Of(e, past[SourceOf(e)], past[TargetOf(e)]))
            .ToList();
        return new LineageAnswer(walk with { Nodes = walk.Nodes.Where(past.ContainsKey).ToList(), Edges = edges }, past);
    }

    private static List<long> Keys(LineageWalkResult walk, LineageNodeKind kind)
        => walk.Nodes.Where(n => n.Kind == kind).Select(n => n.Id).ToList();

    private static LineageNodeRef SourceOf(LineageEdge edge) => new(edge.SourceKind, edge.SourceId);

    private static LineageNodeRef TargetOf(LineageEdge edge) => new(edge.TargetKind, edge.TargetId);
}

/// <summary>An edge of a past lineage answer, carrying its two ends as they stood at that time.</summary>
public sealed class LineageEdgeAsOf : LineageEdge
{
    /// <summary>The upstream node, in its state then.</summary>
    public object SourceNode { get; private init; } = null!;

    /// <summary>The downstream node, in its state then.</summary>
    public object TargetNode { get; private init; } = null!;

    /// <summary>Copies an edge of the walk with its ends.</summary>
    public static LineageEdgeAsOf Of(LineageEdge edge, object source, object target) => new()
    {
        Id = edge.Id, SourceKind = edge.SourceKind, SourceId = edge.SourceId, TargetKind = edge.TargetKind, TargetId = edge.TargetId,
        Relation = edge.Relation, CreatedAt = edge.CreatedAt, CreatedBy = edge.CreatedBy, ValidFrom = edge.ValidFrom,
        // Only edges valid at that time are walked: each was still live then, whatever happened to it later.
        ValidTo = null,
        SourceNode = source, TargetNode = target,
    };
}
