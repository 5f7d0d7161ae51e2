using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Models;

/// <summary>A movable, per-model name (e.g. "champion") pointing at one version.</summary>
public class ModelAlias
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The model the alias belongs to.</summary>
    public long ModelId { get; set; }
    /// <summary>Navigation to the model.</summary>
    public Model? Model { get; set; }
    /// <summary>Alias name, unique per model.</summary>
    public string Name { get; set; } = "";
    /// <summary>The version it points at.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Navigation to the version.</summary>
    public ModelVersion? ModelVersion { get; set; }
    /// <summary>When it was last (re)assigned (UTC).</summary>
    public DateTime AssignedAt { get; set; }
    /// <summary>Who last (re)assigned it.</summary>
    public string AssignedBy { get; set; } = "";
}
