using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>Table of stage history.</summary>
public sealed class StageTransitionEntityTypeConfiguration : IEntityTypeConfiguration<StageTransition>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<StageTransition> b)
    {
        b.ToTable("StageTransitions");
        b.HasIndex(t => new { t.ModelVersionId, t.At });
        b.Property(t => t.By).HasMaxLength(200);
    }
}
