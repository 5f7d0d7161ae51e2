using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Versions;

/// <summary>Batch fetches of versions shared by several graph types.</summary>
public static class VersionLoaders
{
    /// <summary>Versions by key.</summary>
    public static Task<Dictionary<long, ModelVersion>> ByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
}
