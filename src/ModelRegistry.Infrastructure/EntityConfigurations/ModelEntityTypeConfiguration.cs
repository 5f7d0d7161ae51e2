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
        // Unique among living models: a deleted model keeps its name and history, and the name may be registered again.
        b.HasIndex(m => m.Name).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
        b.Property(m => m.DeletedBy).HasMaxLength(200);
        b.Property(m => m.Owner).HasMaxLength(100).IsRequired();
        b.HasIndex(m => m.Owner);
        b.HasIndex(m => m.CreatedAt);
        b.Property(m => m.DisplayName).HasMaxLength(200);
        b.HasMany(m => m.Versions).WithOne(v => v.Model).HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.KeyValueTags).WithOne().HasForeignKey(t => t.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Aliases).WithOne(a => a.Model).HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table of models' key/value tags: one value per key and model.</summary>
public sealed class ModelKeyValueTagEntityTypeConfiguration : IEntityTypeConfiguration<ModelKeyValueTag>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ModelKeyValueTag> b)
    {
        b.ToTable("ModelKeyValueTags");
        b.Property(t => t.Key).HasMaxLength(KeyValueTagRules.MaxKeyLength).IsRequired();
        b.Property(t => t.Value).IsRequired();
        b.HasIndex(t => new { t.ModelId, t.Key }).IsUnique();
        b.HasIndex(t => new { t.Key, t.ModelId });
    }
}
