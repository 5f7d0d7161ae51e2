using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Models;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Models;

/// <summary>Batch fetches of models shared by several graph types.</summary>
public static class ModelLoaders
{
    /// <summary>Models by key.</summary>
    public static Task<Dictionary<long, Model>> ByIdAsync(RegistryDbContext db, IReadOnlyList<long> ids, CancellationToken ct)
        => db.Models.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
}
