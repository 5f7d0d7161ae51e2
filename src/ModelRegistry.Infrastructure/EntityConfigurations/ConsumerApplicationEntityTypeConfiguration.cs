using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of consumer applications.</summary>
public sealed class ConsumerApplicationEntityTypeConfiguration : IEntityTypeConfiguration<ConsumerApplication>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ConsumerApplication> b)
    {
        b.ToTable("ConsumerApplications");
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(a => a.Name).IsUnique();
        b.Property(a => a.Owner).HasMaxLength(100);
    }
}
