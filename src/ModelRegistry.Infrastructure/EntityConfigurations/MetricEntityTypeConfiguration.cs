using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of metrics, indexed for "versions whose auc is at least x" lookups.</summary>
public sealed class MetricEntityTypeConfiguration : IEntityTypeConfiguration<Metric>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Metric> b)
    {
        b.ToTable("Metrics");
        b.Property(m => m.Name).HasMaxLength(100).IsRequired();
        b.Property(m => m.Split).HasMaxLength(100);
        b.HasIndex(m => new { m.Name, m.Value });
        // Serves both "metrics of these versions" and "versions whose auc is at least x" correlated per version.
        b.HasIndex(m => new { m.ModelVersionId, m.Name, m.Value });
        b.HasOne(m => m.DatasetVersion).WithMany().HasForeignKey(m => m.DatasetVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
