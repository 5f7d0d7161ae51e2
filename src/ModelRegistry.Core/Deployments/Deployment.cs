using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Deployments;

/// <summary>A model version serving somewhere: environment, endpoint, platform and traffic share.</summary>
public class Deployment
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version deployed.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Navigation to the version.</summary>
    public ModelVersion? ModelVersion { get; set; }
    /// <summary>E.g. development, staging, production.</summary>
    public string Environment { get; set; } = "";
    /// <summary>Serving URL.</summary>
    public string? Endpoint { get; set; }
    /// <summary>E.g. kserve, sagemaker, azureml.</summary>
    public string? Platform { get; set; }
    /// <summary>Current state.</summary>
    public DeploymentStatus Status { get; set; }
    /// <summary>Share of traffic, 0–100.</summary>
    public int? TrafficPercent { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTime DeployedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public string DeployedBy { get; set; } = "";
    /// <summary>When it stopped serving (UTC).</summary>
    public DateTime? RetiredAt { get; set; }
    /// <summary>Why its environment's deployment policy no longer allows its version (after a demotion, archiving or policy change); null while compliant.</summary>
    public string? ComplianceIssue { get; set; }
    /// <summary>When it became non-compliant (UTC).</summary>
    public DateTime? NonCompliantSince { get; set; }
}
