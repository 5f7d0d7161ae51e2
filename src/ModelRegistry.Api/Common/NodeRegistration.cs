using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
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
        Add(services, NodeTypes.Artifact, db => db.Artifacts);
        Add(services, NodeTypes.MonitoringWindow, db => db.MonitoringWindows);
        Add(services, NodeTypes.DriftAlert, db => db.DriftAlerts);
        AddOwned(services, NodeTypes.ApiKey, (db, id, ct) => db.ApiKeys.FindAsync([id], ct).AsTask(), k => k.Principal);
        AddOwned(services, NodeTypes.RoleAssignment, (db, id, ct) => db.RoleAssignments.FindAsync([id], ct).AsTask(), r => r.Principal);
        Add(services, NodeTypes.Webhook, db => db.Webhooks);
        Add(services, NodeTypes.WebhookDelivery, db => db.WebhookDeliveries);
        return services;
    }

    // Keys and grants are not model-bound: their own principal and global admins may read them.
    private static void AddOwned<T>(IServiceCollection services, string typeName,
        Func<RegistryDbContext, long, CancellationToken, Task<T?>> load, Func<T, string> principalOf) where T : class
        => services.AddNodeResolver<T>(typeName, async (sp, key, ct) =>
        {
            if (!long.TryParse(key, out var id) || await load(sp.GetRequiredService<RegistryDbContext>(), id, ct) is not { } node)
                return null;
            var access = sp.GetRequiredService<AccessControl>();
            return principalOf(node) == access.Principal.Name || await access.HasAsync(Role.Admin, AccessScope.Registry, ct) ? node : null;
        });

    private static void Add<T>(IServiceCollection services, string typeName, Func<RegistryDbContext, DbSet<T>> set) where T : class
        => services.AddNodeResolver<T>(typeName, async (sp, key, ct) =>
            long.TryParse(key, out var id)
                ? await set(sp.GetRequiredService<RegistryDbContext>()).FindAsync([id], ct)
                : null);
}
