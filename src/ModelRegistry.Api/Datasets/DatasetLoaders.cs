using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Datasets;

/// <summary>Batch fetches of datasets and their versions shared by several graph types.</summary>
public static class DatasetLoaders
{
    /// <summary>Dataset versions by key.</summary>
    public static Task<Dictionary<long, DatasetVersion>> VersionByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.DatasetVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);

    /// <summary>Datasets by key.</summary>
    public static Task<Dictionary<long, Dataset>> ByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.Datasets.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
}
