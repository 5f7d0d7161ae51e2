using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>The audit/event log: keyed by its sequence, which the write path assigns (never the database).</summary>
public sealed class AuditEventEntityTypeConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("AuditEvents");
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.Property(e => e.Type).HasMaxLength(64).IsRequired();
        b.Property(e => e.SubjectType).HasMaxLength(64).IsRequired();
        b.Property(e => e.Actor).HasMaxLength(200).IsRequired();
        b.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        b.Property(e => e.Mac).HasMaxLength(64).IsFixedLength();
        b.HasIndex(e => new { e.Type, e.Sequence });
        b.HasIndex(e => new { e.ModelId, e.Sequence });
        b.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
