using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Promotions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Tables of promotion requests and their approval decisions.</summary>
public sealed class PromotionRequestEntityTypeConfiguration : IEntityTypeConfiguration<PromotionRequest>, IEntityTypeConfiguration<ApprovalDecision>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<PromotionRequest> b)
    {
        b.ToTable("PromotionRequests");
        b.HasIndex(r => new { r.ModelVersionId, r.Status });
        b.HasIndex(r => r.RequestedAt);
        b.Property(r => r.RequestedBy).HasMaxLength(200);
        b.HasOne(r => r.ModelVersion).WithMany().HasForeignKey(r => r.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Approvals).WithOne().HasForeignKey(a => a.PromotionRequestId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<ApprovalDecision> b)
    {
        b.ToTable("ApprovalDecisions");
        b.Property(a => a.By).HasMaxLength(200);
        b.HasIndex(a => a.PromotionRequestId);
    }
}
