using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Lineage;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of lineage edges, indexed for walks in both directions.</summary>
public sealed class LineageEdgeEntityTypeConfiguration : IEntityTypeConfiguration<LineageEdge>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<LineageEdge> b)
    {
        b.ToTable("LineageEdges");
        b.HasIndex(e => new { e.SourceKind, e.SourceId, e.Relation });
        b.HasIndex(e => new { e.TargetKind, e.TargetId, e.Relation });
        b.Property(e => e.CreatedBy).HasMaxLength(200);
    }
}
