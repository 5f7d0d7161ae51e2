using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Lineage;

/// <summary>Input of <see cref="AddLineageEdge"/>.</summary>
public sealed record AddLineageEdgeCommand(LineageNodeKind SourceKind, long SourceId, LineageNodeKind TargetKind, long TargetId, LineageRelation Relation);

/// <summary>Records a lineage edge, refusing wrong pairings, self-loops, duplicate live edges and cycles among versions.</summary>
public sealed class AddLineageEdge(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<LineageEdge>> ExecuteAsync(AddLineageEdgeCommand c, CancellationToken cancellationToken)
        => writer.ExecuteAsync<LineageEdge>(async w =>
        {
            var error = LineageRules.Check(c.SourceKind, c.SourceId, c.TargetKind, c.TargetId, c.Relation);
            if (error is not null)
                return error;
            if (!await IsReadableAsync(w, c.SourceKind, c.SourceId, cancellationToken))
                return DomainError.NotFound($"The source {c.SourceKind}", "sourceId");
            if (!await IsReadableAsync(w, c.TargetKind, c.TargetId, cancellationToken))
                return DomainError.NotFound($"The target {c.TargetKind}", "targetId");
            var modelId = await ModelOfAsync(w.Db, c.SourceKind, c.SourceId, c.TargetKind, c.TargetId, cancellationToken);
            if (await RequireContributorAsync(w, modelId, c.TargetKind, c.TargetId, cancellationToken) is { } denied)
                return denied;
            var duplicate = await w.Db.LineageEdges.AnyAsync(e =>
                e.ValidTo == null && e.Relation == c.Relation &&
                e.SourceKind == c.SourceKind && e.SourceId == c.SourceId &&
                e.TargetKind == c.TargetKind && e.TargetId == c.TargetId, cancellationToken);
            if (duplicate)
                return DomainError.Invalid($"A live {LineageRules.Name(c.Relation)} edge between these nodes already exists.", "relation");
            if (c.SourceKind == c.TargetKind && await ReachesAsync(w.Db, c.TargetKind, c.TargetId, c.SourceId, cancellationToken))
                return DomainError.Invalid($"The edge would close a cycle among {Plural(c.TargetKind)}.", "targetId");

            var edge = new LineageEdge
            {
                SourceKind = c.SourceKind, SourceId = c.SourceId, TargetKind = c.TargetKind, TargetId = c.TargetId,
                Relation = c.Relation, CreatedAt = w.Now, CreatedBy = w.Actor, ValidFrom = w.Now,
            };
            w.Db.LineageEdges.Add(edge);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.LineageEdgeAdded, nameof(LineageEdge), edge.Id, modelId,
                new LineageEdgeAdded(LineageRules.Name(c.Relation), LineageRules.End(c.SourceKind, c.SourceId), LineageRules.End(c.TargetKind, c.TargetId)));
            return edge;
        }, cancellationToken);

    /// <summary>Whether a node of the given kind exists.</summary>
    public static Task<bool> ExistsAsync(IRegistryDbContext db, LineageNodeKind kind, long id, CancellationToken cancellationToken) => kind switch
    {
        LineageNodeKind.ModelVersion => db.ModelVersions.AnyAsync(v => v.Id == id, cancellationToken),
        LineageNodeKind.DatasetVersion => db.DatasetVersions.AnyAsync(v => v.Id == id, cancellationToken),
        LineageNodeKind.Deployment => db.Deployments.AnyAsync(d => d.Id == id, cancellationToken),
        _ => db.ConsumerApplications.AnyAsync(a => a.Id == id, cancellationToken),
    };

    /// <summary>
    /// Whether a node exists and the principal may read it: a version or deployment when its model is readable, a shared
    /// node when anything is. An edge to a node the caller cannot see is refused as if the node did not exist.
    /// </summary>
    public static async Task<bool> IsReadableAsync(WriteScope w, LineageNodeKind kind, long id, CancellationToken cancellationToken)
    {
        if (kind is not (LineageNodeKind.ModelVersion or LineageNodeKind.Deployment))
            return await ExistsAsync(w.Db, kind, id, cancellationToken) && await w.CanReadAsync(AccessScope.Registry, cancellationToken);
        var model = kind == LineageNodeKind.ModelVersion
            ? await w.Db.ModelVersions.Where(v => v.Id == id).Select(v => v.Model).FirstOrDefaultAsync(cancellationToken)
            : await w.Db.Deployments.Where(d => d.Id == id).Select(d => d.ModelVersion!.Model).FirstOrDefaultAsync(cancellationToken);
        return model is not null && await w.CanReadAsync(AccessScope.Of(model), cancellationToken);
    }

    // Walks live edges between nodes of one kind downstream from `from`, one query per level, looking for `to`.
    private static async Task<bool> ReachesAsync(IRegistryDbContext db, LineageNodeKind kind, long from, long to, CancellationToken cancellationToken)
    {
        var seen = new HashSet<long> { from };
        var frontier = new List<long> { from };
        while (frontier.Count > 0)
        {
            if (frontier.Contains(to))
                return true;
            var next = await db.LineageEdges
                .Where(e => e.ValidTo == null && e.SourceKind == kind && e.TargetKind == kind && frontier.Contains(e.SourceId))
                .Select(e => e.TargetId)
                .ToListAsync(cancellationToken);
            frontier = next.Where(seen.Add).ToList();
        }
        return false;
    }

    private static string Plural(LineageNodeKind kind) => kind == LineageNodeKind.DatasetVersion ? "dataset versions" : "model versions";

    /// <summary>
    /// The model an edge belongs to: that of its (downstream-most) model version, or of its deployment; null for an edge
    /// between two dataset versions, which belongs to no model.
    /// </summary>
    public static async Task<long?> ModelOfAsync(
        IRegistryDbContext db, LineageNodeKind sourceKind, long sourceId, LineageNodeKind targetKind, long targetId, CancellationToken cancellationToken)
    {
        var versionId = targetKind == LineageNodeKind.ModelVersion ? targetId
            : sourceKind == LineageNodeKind.ModelVersion ? sourceId : (long?)null;
        if (versionId is not null)
            return await db.ModelVersions.Where(v => v.Id == versionId).Select(v => (long?)v.ModelId).FirstOrDefaultAsync(cancellationToken);
        if (sourceKind != LineageNodeKind.Deployment)
            return null;
        return await db.Deployments.Where(d => d.Id == sourceId).Select(d => (long?)d.ModelVersion!.ModelId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Lineage is part of a model's record: changing it needs CONTRIBUTOR on that model. An edge between two dataset
    /// versions is part of the derived dataset's record instead, and needs what adding a version to it needs: CONTRIBUTOR
    /// for the dataset's owning team.
    /// </summary>
    public static async Task<DomainError?> RequireContributorAsync(
        WriteScope w, long? modelId, LineageNodeKind targetKind, long targetId, CancellationToken cancellationToken)
    {
        if (modelId is null && targetKind == LineageNodeKind.DatasetVersion)
        {
            var owner = await w.Db.DatasetVersions.Where(v => v.Id == targetId).Select(v => v.Dataset!.Owner).FirstOrDefaultAsync(cancellationToken);
            return await w.RequireAsync(Role.Contributor, AccessScope.OfTeam(owner), "change this dataset's lineage", cancellationToken);
        }
        var model = modelId is null ? null : await w.Db.Models.FindAsync([modelId.Value], cancellationToken);
        return await w.RequireAsync(Role.Contributor, model is null ? AccessScope.Registry : AccessScope.Of(model), "change this model's lineage", cancellationToken);
    }
}
