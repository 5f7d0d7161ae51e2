using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table and indexes of models.</summary>
public sealed class ModelEntityTypeConfiguration : IEntityTypeConfiguration<Model>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Model> b)
    {
        b.ToTable("Models");
        b.Property(m => m.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(m => m.Name).IsUnique();
        b.Property(m => m.Owner).HasMaxLength(100).IsRequired();
        b.HasIndex(m => m.Owner);
        b.HasIndex(m => m.CreatedAt);
        b.Property(m => m.DisplayName).HasMaxLength(200);
        b.HasMany(m => m.Versions).WithOne(v => v.Model).HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Aliases).WithOne(a => a.Model).HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
