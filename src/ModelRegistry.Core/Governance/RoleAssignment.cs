namespace ModelRegistry.Core.Governance;

/// <summary>A role granted to a principal at a scope: "global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
public class RoleAssignment
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>User, service or "group:&lt;name&gt;".</summary>
    public string Principal { get; set; } = "";
    /// <summary>The role.</summary>
    public Role Role { get; set; }
    /// <summary>Where it applies.</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>When (UTC).</summary>
    public DateTime GrantedAt { get; set; }
    /// <summary>Who granted it.</summary>
    public string GrantedBy { get; set; } = "";
    /// <summary>When it was revoked (UTC); null while in force.</summary>
    public DateTime? RevokedAt { get; set; }
    /// <summary>Who revoked it.</summary>
    public string? RevokedBy { get; set; }
}
