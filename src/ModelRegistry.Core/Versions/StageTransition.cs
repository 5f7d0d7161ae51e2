namespace ModelRegistry.Core.Versions;

/// <summary>A recorded stage change of a version: who moved it, when and why.</summary>
public class StageTransition
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version moved.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Stage before; null for the initial DEVELOPMENT entry.</summary>
    public ModelStage? From { get; set; }
    /// <summary>Stage after.</summary>
    public ModelStage To { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }
    /// <summary>Who.</summary>
    public string By { get; set; } = "";
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}
