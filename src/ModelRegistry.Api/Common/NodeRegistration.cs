using Microsoft.EntityFrameworkCore;
using ModelRegistry.GraphQL;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Common;

/// <summary>Registers how every node type is loaded for <c>node(id:)</c> and <c>nodes(ids:)</c>.</summary>
public static class NodeRegistration
{
    /// <summary>Adds a resolver per node type.</summary>
    public static IServiceCollection AddRegistryNodes(this IServiceCollection services)
    {
        Add(services, NodeTypes.Model, db => db.Models);
        Add(services, NodeTypes.ModelVersion, db => db.ModelVersions);
        Add(services, NodeTypes.Dataset, db => db.Datasets);
        Add(services, NodeTypes.DatasetVersion, db => db.DatasetVersions);
        Add(services, NodeTypes.Deployment, db => db.Deployments);
        Add(services, NodeTypes.ConsumerApplication, db => db.ConsumerApplications);
        Add(services, NodeTypes.LineageEdge, db => db.LineageEdges);
        Add(services, NodeTypes.PromotionRequest, db => db.PromotionRequests);
        return services;
    }

    private static void Add<T>(IServiceCollection services, string typeName, Func<RegistryDbContext, DbSet<T>> set) where T : class
        => services.AddNodeResolver<T>(typeName, async (sp, key, ct) =>
            long.TryParse(key, out var id)
                ? await set(sp.GetRequiredService<RegistryDbContext>()).FindAsync([id], ct)
                : null);
}
