using Microsoft.EntityFrameworkCore;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Bench.Query;

/// <summary>The metric-plus-tag filter written directly in EF: what any <c>where:</c> translation has to beat.</summary>
public static class FilterFloor
{
    /// <summary>The first 50 versions (by id) with an auc of at least 0.9 and the tag "fraud".</summary>
    public static async Task<object> ReadAsync(RegistryDbContext db, CancellationToken ct)
    {
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Metrics.Any(m => m.Name == "auc" && m.Value >= 0.9) && v.Tags.Contains("fraud"))
            .OrderBy(v => v.Id)
            .Take(51)
            .Select(v => new { v.Id, v.Number })
            .ToListAsync(ct);
        return new { data = new { modelVersions = new { nodes = versions.Take(50).Select(v => new { number = v.Number }) } } };
    }
}
