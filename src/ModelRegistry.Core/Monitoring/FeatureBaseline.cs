namespace ModelRegistry.Core.Monitoring;

/// <summary>The training-time distribution of one feature of a version: a numeric histogram or category frequencies.</summary>
public class FeatureBaseline
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version the profile describes.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Feature name, as in the metric's <c>feature</c> label.</summary>
    public string Feature { get; set; } = "";
    /// <summary>Upper bucket edges (Prometheus <c>le</c>), strictly increasing; null for a categorical feature.</summary>
    public double[]? BucketEdges { get; set; }
    /// <summary>Category names of a categorical feature, aligned with <see cref="Counts"/>; null for a numeric one.</summary>
    public string[]? Categories { get; set; }
    /// <summary>Per-bin counts (edges + 1, the last for +Inf) or per-category counts.</summary>
    public double[] Counts { get; set; } = [];
    /// <summary>Position in the profile as submitted.</summary>
    public int Ordinal { get; set; }

    /// <summary>Whether the feature is categorical (frequencies by category instead of a histogram).</summary>
    public bool IsCategorical => BucketEdges is null;
}
