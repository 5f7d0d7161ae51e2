namespace ModelRegistry.Core.Governance;

/// <summary>An API key of a principal. Only a SHA-256 of the secret is stored; the prefix finds the row.</summary>
public class ApiKey
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>A label, e.g. "ci-pipeline".</summary>
    public string Name { get; set; } = "";
    /// <summary>The principal the key acts as.</summary>
    public string Principal { get; set; } = "";
    /// <summary>The public lookup part of the key.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>SHA-256 (hex) of the whole key.</summary>
    public string SecretHash { get; set; } = "";
    /// <summary>When (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>When it was revoked (UTC); null while usable.</summary>
    public DateTime? RevokedAt { get; set; }
}
