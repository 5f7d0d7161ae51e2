namespace ModelRegistry.Core.Monitoring;

/// <summary>Where and how a deployment's live feature distributions are read, and when they count as drift.</summary>
public class MonitoringBinding
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The monitored deployment (one binding each).</summary>
    public long DeploymentId { get; set; }
    /// <summary>Prometheus base URL (absolute http or https).</summary>
    public string PrometheusUrl { get; set; } = "";
    /// <summary>Label matchers without braces, e.g. <c>deployment="fraud-prod"</c>.</summary>
    public string Selector { get; set; } = "";
    /// <summary>Histogram metric name; the job reads its <c>_bucket</c> series.</summary>
    public string FeatureHistogramMetric { get; set; } = "";
    /// <summary>Window as a Prometheus duration, e.g. 1h.</summary>
    public string Window { get; set; } = "1h";
    /// <summary>PSI from which a feature is WARNING.</summary>
    public double PsiWarning { get; set; } = 0.1;
    /// <summary>PSI from which a feature is DRIFTING.</summary>
    public double PsiDrift { get; set; } = 0.25;
    /// <summary>Per-feature overrides of the thresholds.</summary>
    public List<FeatureThreshold> FeatureThresholds { get; set; } = [];
    /// <summary>Consecutive healthy windows after which an alert resolves itself.</summary>
    public int HealthyWindowsToResolve { get; set; } = 3;
    /// <summary>When it was last configured (UTC).</summary>
    public DateTime ConfiguredAt { get; set; }
    /// <summary>Who configured it.</summary>
    public string ConfiguredBy { get; set; } = "";

    /// <summary>The thresholds in force for <paramref name="feature"/>.</summary>
    public (double Warning, double Drift) ThresholdsFor(string feature)
        => FeatureThresholds.FirstOrDefault(t => t.Feature == feature) is { } t ? (t.PsiWarning, t.PsiDrift) : (PsiWarning, PsiDrift);
}

/// <summary>PSI thresholds for one feature, overriding the binding's.</summary>
public sealed record FeatureThreshold(string Feature, double PsiWarning, double PsiDrift);
