namespace ModelRegistry.Core.Deployments;

/// <summary>An application that reads predictions from deployments (linked by CONSUMED_BY edges).</summary>
public class ConsumerApplication
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Unique name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Owning team, if known.</summary>
    public string? Owner { get; set; }
    /// <summary>First seen (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
