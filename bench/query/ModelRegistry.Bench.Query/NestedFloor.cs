using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// The floor of the nested query: the statements the Api's batch loaders issue (one per level), run back to back
/// on the same EF model and shaped into the same JSON tree, with no GraphQL in between.
/// </summary>
public static class NestedFloor
{
    /// <summary>Models per page, as the benchmarked GraphQL query asks.</summary>
    public const int ModelsPerPage = 50;

    /// <summary>Reads the first page of models with their versions, metrics, training data, deployments and consumers.</summary>
    public static async Task<object> ReadAsync(RegistryDbContext db, CancellationToken ct)
    {
        var models = await db.Models.AsNoTracking().PageAsync(
            [OrderKey.By<Model, long>(m => m.Id, false, "id")], new PagingArguments(ModelsPerPage, null, null, null), PagingOptions.Default, ct);
        var modelIds = models.Nodes.Select(m => m.Id).ToList();

        var versionPages = await db.ModelVersions.AsNoTracking().PageGroupsAsync(v => v.ModelId, modelIds,
            [OrderKey.By<ModelVersion, int>(v => v.Number, false, "number"), OrderKey.By<ModelVersion, long>(v => v.Id, false, "id")],
            new PagingArguments(null, null, null, null), PagingOptions.Default, ct);
        var versionIds = versionPages.Values.SelectMany(p => p.Nodes).Select(v => v.Id).ToList();

        var metrics = (await db.Metrics.AsNoTracking().Where(m => versionIds.Contains(m.ModelVersionId)).OrderBy(m => m.Id).ToListAsync(ct))
            .ToLookup(m => m.ModelVersionId);
        var trainedOn = (await (from e in db.LineageEdges
                                join d in db.DatasetVersions on e.SourceId equals d.Id
                                where e.Relation == LineageRelation.TrainedOn && e.ValidTo == null && e.TargetKind == LineageNodeKind.ModelVersion
                                      && e.SourceKind == LineageNodeKind.DatasetVersion && versionIds.Contains(e.TargetId)
                                orderby d.Id
                                select new { e.TargetId, d }).AsNoTracking().ToListAsync(ct))
            .ToLookup(x => x.TargetId, x => x.d);
        var deployments = (await db.Deployments.AsNoTracking().Where(d => versionIds.Contains(d.ModelVersionId)).OrderBy(d => d.Id).ToListAsync(ct))
            .ToLookup(d => d.ModelVersionId);
        var deploymentIds = deployments.SelectMany(g => g).Select(d => d.Id).ToList();
        var consumers = (await (from e in db.LineageEdges
                                join a in db.ConsumerApplications on e.TargetId equals a.Id
                                where e.Relation == LineageRelation.ConsumedBy && e.ValidTo == null && deploymentIds.Contains(e.SourceId)
                                      && e.SourceKind == LineageNodeKind.Deployment && e.TargetKind == LineageNodeKind.ConsumerApplication
                                orderby a.Name
                                select new { e.SourceId, a }).AsNoTracking().ToListAsync(ct))
            .ToLookup(x => x.SourceId, x => x.a);

        return new
        {
            data = new
            {
                models = new
                {
                    nodes = models.Nodes.Select(m => new
                    {
                        versions = new
                        {
                            nodes = versionPages[m.Id].Nodes.Select(v => new
                            {
                                metrics = metrics[v.Id].Select(x => new { name = x.Name, value = x.Value }),
                                trainedOn = trainedOn[v.Id].Select(d => new { version = d.Version }),
                                deployments = deployments[v.Id].Select(d => new { consumers = consumers[d.Id].Select(a => new { name = a.Name }) }),
                            }),
                        },
                    }),
                },
            },
        };
    }
}
