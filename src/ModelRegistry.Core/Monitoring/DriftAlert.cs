namespace ModelRegistry.Core.Monitoring;

/// <summary>Lifecycle of a drift alert: OPEN → ACKNOWLEDGED → RESOLVED (OPEN → RESOLVED too).</summary>
public enum DriftAlertStatus
{
    /// <summary>Raised, nobody has looked yet.</summary>
    Open,
    /// <summary>Someone took it, with a comment.</summary>
    Acknowledged,
    /// <summary>Closed: healthy again for enough windows.</summary>
    Resolved,
}

/// <summary>A feature of a deployment crossed its drift threshold; links the deployment, its version and the consumers it fed.</summary>
public class DriftAlert
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The drifting deployment.</summary>
    public long DeploymentId { get; set; }
    /// <summary>The version it served.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>The version's model.</summary>
    public long ModelId { get; set; }
    /// <summary>The drifting feature.</summary>
    public string Feature { get; set; } = "";
    /// <summary>The statistic that crossed its threshold (<c>psi</c>).</summary>
    public string Metric { get; set; } = "psi";
    /// <summary>The statistic's value.</summary>
    public double Value { get; set; }
    /// <summary>The threshold crossed.</summary>
    public double Threshold { get; set; }
    /// <summary>Lifecycle state.</summary>
    public DriftAlertStatus Status { get; set; }
    /// <summary>When it was raised (UTC).</summary>
    public DateTime DetectedAt { get; set; }
    /// <summary>End of the window that raised it.</summary>
    public DateTime WindowEnd { get; set; }
    /// <summary>Consumer applications reading the deployment when it was raised.</summary>
    public string[] Consumers { get; set; } = [];
    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; set; }
    /// <summary>When it was acknowledged (UTC).</summary>
    public DateTime? AcknowledgedAt { get; set; }
    /// <summary>Why, in the acknowledger's words.</summary>
    public string? AcknowledgeComment { get; set; }
    /// <summary>When it resolved (UTC).</summary>
    public DateTime? ResolvedAt { get; set; }
    /// <summary>Healthy windows in a row since it was raised; it resolves when this reaches the binding's count.</summary>
    public int HealthyStreak { get; set; }
}
