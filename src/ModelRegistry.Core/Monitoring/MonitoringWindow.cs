namespace ModelRegistry.Core.Monitoring;

/// <summary>One evaluated window of one deployment; (deployment, window end) is unique, so re-runs write nothing twice.</summary>
public class MonitoringWindow
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The deployment measured.</summary>
    public long DeploymentId { get; set; }
    /// <summary>The version it served, kept for version roll-ups and read filters.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Start of the window (UTC), window end minus the binding's window.</summary>
    public DateTime WindowStart { get; set; }
    /// <summary>End of the window (UTC), the evaluation time sent to Prometheus.</summary>
    public DateTime WindowEnd { get; set; }
    /// <summary>The worst feature's status.</summary>
    public DriftStatus Status { get; set; }
    /// <summary>Per-feature results.</summary>
    public List<FeatureDrift> Features { get; set; } = [];
    /// <summary>When it was evaluated (UTC).</summary>
    public DateTime EvaluatedAt { get; set; }
    /// <summary>The metrics source could not answer; every feature is UNKNOWN and a later successful run replaces this row.</summary>
    public bool SourceUnavailable { get; set; }
}

/// <summary>One feature's statistics in a window; statistics are null when the feature could not be measured (see <see cref="Reason"/>).</summary>
public sealed record FeatureDrift(
    string Feature, double? Psi, double? JensenShannon, double? Ks, double? Wasserstein, DriftStatus Status, string? Reason);
