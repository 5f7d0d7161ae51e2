namespace ModelRegistry.Core.Deployments;

/// <summary>The state of a deployment.</summary>
public enum DeploymentStatus
{
    /// <summary>Recorded, not yet serving.</summary>
    Pending,
    /// <summary>Serving traffic.</summary>
    Active,
    /// <summary>Being wound down.</summary>
    Draining,
    /// <summary>No longer serving.</summary>
    Retired,
    /// <summary>Failed to serve.</summary>
    Failed,
}
