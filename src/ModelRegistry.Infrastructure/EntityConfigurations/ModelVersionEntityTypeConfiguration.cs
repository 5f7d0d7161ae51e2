using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of versions: (model, number) is unique, the backstop of gap-free numbering.</summary>
public sealed class ModelVersionEntityTypeConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ModelVersion> b)
    {
        b.ToTable("ModelVersions");
        b.HasIndex(v => new { v.ModelId, v.Number }).IsUnique();
        b.HasIndex(v => v.Stage);
        b.HasIndex(v => v.CreatedAt);
        b.Property(v => v.Framework).HasMaxLength(200);
        b.Property(v => v.DeletedBy).HasMaxLength(200);
        b.Property(v => v.Source).HasMaxLength(ModelVersionRules.MaxSourceLength);
        b.Property(v => v.RunId).HasMaxLength(ModelVersionRules.MaxRunIdLength);
        b.Property(v => v.RunLink).HasMaxLength(ModelVersionRules.MaxSourceLength);
        b.HasIndex(v => v.RunId);
        b.HasMany(v => v.KeyValueTags).WithOne().HasForeignKey(t => t.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(v => v.SourceCode, s =>
        {
            s.Property(x => x.Repository).HasColumnName("SourceRepository").HasMaxLength(2000);
            s.Property(x => x.Commit).HasColumnName("SourceCommit").HasMaxLength(100);
            s.Property(x => x.Path).HasColumnName("SourcePath").HasMaxLength(2000);
        });
        b.HasMany(v => v.Metrics).WithOne().HasForeignKey(m => m.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.StageHistory).WithOne().HasForeignKey(t => t.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table of versions' key/value tags: one value per key and version.</summary>
public sealed class VersionKeyValueTagEntityTypeConfiguration : IEntityTypeConfiguration<VersionKeyValueTag>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<VersionKeyValueTag> b)
    {
        b.ToTable("VersionKeyValueTags");
        b.Property(t => t.Key).HasMaxLength(KeyValueTagRules.MaxKeyLength).IsRequired();
        b.Property(t => t.Value).IsRequired();
        b.HasIndex(t => new { t.ModelVersionId, t.Key }).IsUnique();
        b.HasIndex(t => new { t.Key, t.ModelVersionId });
    }
}
