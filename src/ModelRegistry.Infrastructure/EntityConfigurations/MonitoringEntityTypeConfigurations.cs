using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.EntityConfigurations;

/// <summary>JSON columns of the monitoring tables: small arrays read and written whole, never queried inside.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The statistics are finite, but a stored NaN must not make a whole window unreadable.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Stores <typeparamref name="T"/> as JSON text, compared by its JSON so EF notices changes inside.</summary>
    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property)
        => property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<T>(s, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

/// <summary>Table of baseline feature profiles: one row per (version, feature).</summary>
public sealed class FeatureBaselineEntityTypeConfiguration : IEntityTypeConfiguration<FeatureBaseline>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<FeatureBaseline> b)
    {
        b.ToTable("FeatureBaselines");
        b.Property(x => x.Feature).HasMaxLength(200).IsRequired();
        b.Property(x => x.BucketEdges!).AsJson();
        b.Property(x => x.Categories!).AsJson();
        b.Property(x => x.Counts).AsJson().IsRequired();
        b.Ignore(x => x.IsCategorical);
        b.HasIndex(x => new { x.ModelVersionId, x.Feature }).IsUnique();
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table of monitoring bindings: at most one per deployment.</summary>
public sealed class MonitoringBindingEntityTypeConfiguration : IEntityTypeConfiguration<MonitoringBinding>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<MonitoringBinding> b)
    {
        b.ToTable("MonitoringBindings");
        b.Property(x => x.PrometheusUrl).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Selector).HasMaxLength(1000).IsRequired();
        b.Property(x => x.FeatureHistogramMetric).HasMaxLength(200).IsRequired();
        b.Property(x => x.Window).HasMaxLength(32).IsRequired();
        b.Property(x => x.ConfiguredBy).HasMaxLength(200);
        b.Property(x => x.FeatureThresholds).AsJson().IsRequired();
        b.HasIndex(x => x.DeploymentId).IsUnique();
        b.HasOne<Deployment>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table of evaluated windows: (deployment, window end) is unique, the backstop of idempotent jobs.</summary>
public sealed class MonitoringWindowEntityTypeConfiguration : IEntityTypeConfiguration<MonitoringWindow>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<MonitoringWindow> b)
    {
        b.ToTable("MonitoringWindows");
        b.Property(x => x.Features).AsJson().IsRequired();
        b.HasIndex(x => new { x.DeploymentId, x.WindowEnd }).IsUnique();
        b.HasIndex(x => x.ModelVersionId);
        b.HasOne<Deployment>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Table of drift alerts.</summary>
public sealed class DriftAlertEntityTypeConfiguration : IEntityTypeConfiguration<DriftAlert>
{
    /// <inheritdoc />
    public void Configure(EntityTypeBuilder<DriftAlert> b)
    {
        b.ToTable("DriftAlerts");
        b.Property(x => x.Feature).HasMaxLength(200).IsRequired();
        b.Property(x => x.Metric).HasMaxLength(32).IsRequired();
        b.Property(x => x.AcknowledgedBy).HasMaxLength(200);
        b.Property(x => x.Consumers).AsJson().IsRequired();
        b.HasIndex(x => new { x.DeploymentId, x.Feature, x.Status });
        b.HasIndex(x => x.ModelVersionId);
        b.HasIndex(x => x.DetectedAt);
        b.HasOne<Deployment>().WithMany().HasForeignKey(x => x.DeploymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
