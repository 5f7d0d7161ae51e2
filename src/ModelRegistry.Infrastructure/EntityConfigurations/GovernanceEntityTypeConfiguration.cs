using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Tables of role grants, API keys and promotion policies.</summary>
public sealed class GovernanceEntityTypeConfiguration
    : IEntityTypeConfiguration<RoleAssignment>, IEntityTypeConfiguration<ApiKey>, IEntityTypeConfiguration<PromotionPolicyRule>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("RoleAssignments");
        b.Property(r => r.Principal).HasMaxLength(200).IsRequired();
        b.Property(r => r.Scope).HasMaxLength(220).IsRequired();
        b.HasIndex(r => new { r.Principal, r.RevokedAt });
    }

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.Principal).HasMaxLength(200).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        b.Property(k => k.SecretHash).HasMaxLength(64).IsFixedLength();
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.Principal);
    }

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PromotionPolicyRule> b)
    {
        b.ToTable("PromotionPolicyRules");
        b.Property(r => r.Scope).HasMaxLength(220).IsRequired();
        b.Property(r => r.MetricName).HasMaxLength(100);
        b.HasIndex(r => new { r.Scope, r.TargetStage }).IsUnique();
    }
}
