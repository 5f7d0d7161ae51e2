using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// Every lineage edge that touches one of a model's versions, of every relation and closed ones included, with the node
/// at the other end named for a reader. A version of another model the reader may not view is named only as hidden.
/// </summary>
public static class ReportLineage
{
    /// <summary>What the report shows for a node of a model the reader may not view.</summary>
    public const string Hidden = "a model version you may not view";

    /// <summary>The entries of each version, upstream first, then by relation and time.</summary>
    public static async Task<Dictionary<long, IReadOnlyList<LineageEntry>>> GatherAsync(
        IRegistryDbContext db, AccessControl access, Model model, IReadOnlyList<long> versionIds, CancellationToken ct)
    {
        var edges = await db.LineageEdges.AsNoTracking()
            .Where(e => (e.TargetKind == LineageNodeKind.ModelVersion && versionIds.Contains(e.TargetId))
                        || (e.SourceKind == LineageNodeKind.ModelVersion && versionIds.Contains(e.SourceId)))
            .ToListAsync(ct);
        var names = await NodeNamesAsync(db, access, model,
            edges.SelectMany(e => new[] { (e.SourceKind, e.SourceId), (e.TargetKind, e.TargetId) }).Distinct().ToList(), ct);

        var entries = new List<(long VersionId, LineageEntry Entry)>();
        foreach (var e in edges)
        {
            if (e.TargetKind == LineageNodeKind.ModelVersion && versionIds.Contains(e.TargetId))
                entries.Add((e.TargetId, Entry(e, "UPSTREAM", names[(e.SourceKind, e.SourceId)])));
            if (e.SourceKind == LineageNodeKind.ModelVersion && versionIds.Contains(e.SourceId))
                entries.Add((e.SourceId, Entry(e, "DOWNSTREAM", names[(e.TargetKind, e.TargetId)])));
        }
        return entries.GroupBy(x => x.VersionId).ToDictionary(g => g.Key, g => (IReadOnlyList<LineageEntry>)
        [
            .. g.Select(x => x.Entry).OrderBy(x => x.Direction == "UPSTREAM" ? 0 : 1).ThenBy(x => x.Relation, StringComparer.Ordinal)
                .ThenBy(x => x.Since).ThenBy(x => x.Node, StringComparer.Ordinal),
        ]);
    }

    private static LineageEntry Entry(LineageEdge e, string direction, (string Name, string? Sha256) node)
        => new(Name(e.Relation), direction, node.Name, node.Sha256, e.ValidFrom, e.ValidTo);

    private static async Task<Dictionary<(LineageNodeKind, long), (string, string?)>> NodeNamesAsync(
        IRegistryDbContext db, AccessControl access, Model model, List<(LineageNodeKind Kind, long Id)> nodes, CancellationToken ct)
    {
        List<long> Ids(LineageNodeKind kind) => [.. nodes.Where(n => n.Kind == kind).Select(n => n.Id)];
        var names = new Dictionary<(LineageNodeKind, long), (string, string?)>();

        var datasetIds = Ids(LineageNodeKind.DatasetVersion);
        foreach (var d in await db.DatasetVersions.AsNoTracking().Where(v => datasetIds.Contains(v.Id))
                     .Select(v => new { v.Id, Dataset = v.Dataset!.Name, v.Version, v.Sha256 }).ToListAsync(ct))
            names[(LineageNodeKind.DatasetVersion, d.Id)] = ($"dataset {d.Dataset}@{d.Version}", d.Sha256);

        var versionIds = Ids(LineageNodeKind.ModelVersion);
        var versions = await db.ModelVersions.AsNoTracking().Include(v => v.Model).Where(v => versionIds.Contains(v.Id)).ToListAsync(ct);
        foreach (var v in versions)
        {
            var visible = v.ModelId == model.Id || await access.HasAsync(Role.Viewer, AccessScope.Of(v.Model!), ct);
            names[(LineageNodeKind.ModelVersion, v.Id)] = (visible ? $"model {v.Model!.Name} version {v.Number}" : Hidden, null);
        }

        var deploymentIds = Ids(LineageNodeKind.Deployment);
        foreach (var d in await db.Deployments.AsNoTracking().Where(d => deploymentIds.Contains(d.Id))
                     .Select(d => new { d.Id, d.Environment, d.Endpoint }).ToListAsync(ct))
            names[(LineageNodeKind.Deployment, d.Id)] = ($"deployment {d.Environment}{(d.Endpoint is null ? "" : $" ({d.Endpoint})")}", null);

        var applicationIds = Ids(LineageNodeKind.ConsumerApplication);
        foreach (var a in await db.ConsumerApplications.AsNoTracking().Where(a => applicationIds.Contains(a.Id)).ToListAsync(ct))
            names[(LineageNodeKind.ConsumerApplication, a.Id)] = ($"application {a.Name}", null);

        foreach (var node in nodes.Where(n => !names.ContainsKey(n)))
            names[node] = ($"{node.Kind} (no longer recorded)", null);
        return names;
    }

    private static string Name(LineageRelation relation)
        => string.Concat(relation.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
