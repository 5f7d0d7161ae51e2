using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Datasets;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of dataset versions: the label is unique within its dataset.</summary>
public sealed class DatasetVersionEntityTypeConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DatasetVersion> b)
    {
        b.ToTable("DatasetVersions");
        b.Property(v => v.Version).HasMaxLength(100).IsRequired();
        b.HasIndex(v => new { v.DatasetId, v.Version }).IsUnique();
        b.Property(v => v.Sha256).HasMaxLength(64);
    }
}
