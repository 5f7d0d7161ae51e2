using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Deployments;

/// <summary>Batch fetches of deployments and consumers shared by several graph types.</summary>
public static class DeploymentLoaders
{
    /// <summary>Deployments by key.</summary>
    public static Task<Dictionary<long, Deployment>> ByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.Deployments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);

    /// <summary>Consumer applications by key.</summary>
    public static Task<Dictionary<long, ConsumerApplication>> ConsumerByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.ConsumerApplications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
}
