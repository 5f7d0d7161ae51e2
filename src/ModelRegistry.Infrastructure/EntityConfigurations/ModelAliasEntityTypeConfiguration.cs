using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of aliases: unique per model.</summary>
public sealed class ModelAliasEntityTypeConfiguration : IEntityTypeConfiguration<ModelAlias>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ModelAlias> b)
    {
        b.ToTable("ModelAliases");
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(a => new { a.ModelId, a.Name }).IsUnique();
        b.HasIndex(a => a.ModelVersionId);
        b.HasOne(a => a.ModelVersion).WithMany().HasForeignKey(a => a.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
