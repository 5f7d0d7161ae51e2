using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Datasets;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of datasets.</summary>
public sealed class DatasetEntityTypeConfiguration : IEntityTypeConfiguration<Dataset>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Dataset> b)
    {
        b.ToTable("Datasets");
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Name).IsUnique();
        b.Property(d => d.Owner).HasMaxLength(100);
        b.HasMany(d => d.Versions).WithOne(v => v.Dataset).HasForeignKey(v => v.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}
