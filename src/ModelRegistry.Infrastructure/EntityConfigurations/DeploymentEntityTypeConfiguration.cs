using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of deployments.</summary>
public sealed class DeploymentEntityTypeConfiguration : IEntityTypeConfiguration<Deployment>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Deployment> b)
    {
        b.ToTable("Deployments");
        b.Property(d => d.Environment).HasMaxLength(100).IsRequired();
        b.Property(d => d.Platform).HasMaxLength(100);
        b.Property(d => d.ComplianceIssue).HasMaxLength(1000);
        b.HasIndex(d => new { d.Environment, d.Status });
        b.HasIndex(d => d.ModelVersionId);
        b.HasOne(d => d.ModelVersion).WithMany().HasForeignKey(d => d.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
