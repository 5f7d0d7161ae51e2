using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Artifacts;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of artifacts: one row per file of a version, its name unique within the version.</summary>
public sealed class ArtifactEntityTypeConfiguration : IEntityTypeConfiguration<Artifact>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Artifact> b)
    {
        b.ToTable("Artifacts");
        b.Property(a => a.Name).HasMaxLength(ArtifactRules.MaxNameLength).IsRequired();
        b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(ArtifactRules.MaxContentTypeLength);
        b.Property(a => a.StorageKey).HasMaxLength(200).IsRequired();
        b.Property(a => a.UploadedBy).HasMaxLength(200).IsRequired();
        b.HasIndex(a => new { a.ModelVersionId, a.Name }).IsUnique();
        b.HasOne(a => a.ModelVersion).WithMany().HasForeignKey(a => a.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
