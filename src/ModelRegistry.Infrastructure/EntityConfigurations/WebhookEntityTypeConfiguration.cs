using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Webhooks;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Tables of webhooks and their delivery log.</summary>
public sealed class WebhookEntityTypeConfiguration : IEntityTypeConfiguration<Webhook>, IEntityTypeConfiguration<WebhookDelivery>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.ToTable("Webhooks");
        b.Property(h => h.Url).HasMaxLength(2000).IsRequired();
        b.Property(h => h.ProtectedSecret).IsRequired();
        b.Property(h => h.CreatedBy).HasMaxLength(200).IsRequired();
        b.Property(h => h.DeletedBy).HasMaxLength(200);
        b.HasIndex(h => new { h.Active, h.Url });
    }

    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.Property(d => d.EventType).HasMaxLength(100).IsRequired();
        b.Property(d => d.Error).HasMaxLength(2000);
        b.HasOne(d => d.Webhook).WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Restrict);
        // The delivery job and the catch-up job look up the attempts at one event of one webhook.
        b.HasIndex(d => new { d.WebhookId, d.EventSequence, d.Attempt });
        b.HasIndex(d => d.At);
    }
}
