using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of deployment policies; the allowed stages are one column of contract names ("STAGING,PRODUCTION").</summary>
public sealed class DeploymentPolicyRuleEntityTypeConfiguration : IEntityTypeConfiguration<DeploymentPolicyRule>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DeploymentPolicyRule> b)
    {
        b.ToTable("DeploymentPolicyRules");
        b.Property(r => r.Scope).HasMaxLength(220).IsRequired();
        b.Property(r => r.Environment).HasMaxLength(100).IsRequired();
        b.Property(r => r.AllowedStages).HasMaxLength(100).IsRequired()
            .HasConversion(
                stages => string.Join(',', stages.Select(StageMachine.Name)),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseStage).ToList(),
                new ValueComparer<List<ModelStage>>(
                    (left, right) => left!.SequenceEqual(right!),
                    stages => stages.Aggregate(0, (hash, stage) => HashCode.Combine(hash, stage)),
                    stages => stages.ToList()));
        b.HasIndex(r => new { r.Scope, r.Environment }).IsUnique();
    }

    private static ModelStage ParseStage(string name) => Enum.Parse<ModelStage>(name, ignoreCase: true);
}
