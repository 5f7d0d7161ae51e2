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

/// <summary>The contract's spelling of deployment statuses, as chained (ACTIVE, RETIRED…).</summary>
public static class DeploymentStatuses
{
    /// <summary>The chained name of a status.</summary>
    public static string Name(DeploymentStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>The status a chained name stands for; null when missing or unknown.</summary>
    public static DeploymentStatus? Parse(string? name)
        => Enum.TryParse<DeploymentStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;
}
