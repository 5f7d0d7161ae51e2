using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Models;

/// <summary>A registered model: a named line of versions owned by a team.</summary>
public class Model
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Unique, URL-safe name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Human-friendly name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>What the model does.</summary>
    public string? Description { get; set; }
    /// <summary>The problem kind.</summary>
    public ModelTask Task { get; set; }
    /// <summary>The owning team.</summary>
    public string Owner { get; set; } = "";
    /// <summary>Normalised tags.</summary>
    public List<string> Tags { get; set; } = [];
    /// <summary>Why the business needs the model.</summary>
    public string? BusinessContext { get; set; }
    /// <summary>Registration time (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who registered it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>
    /// Last change to the model card, its key/value tags, or the life of its versions: a version created, moved to another
    /// stage or deleted (UTC). MLflow clients read it as <c>last_updated_timestamp</c>.
    /// </summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the model was deleted (UTC); null while it lives. A deleted model is kept, with its history.</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>Who deleted it.</summary>
    public string? DeletedBy { get; set; }
    /// <summary>Key/value tags (MLflow's registered-model tags).</summary>
    public List<ModelKeyValueTag> KeyValueTags { get; set; } = [];
    /// <summary>The highest version number handed out; numbers are never reused.</summary>
    public int LastVersionNumber { get; set; }
    /// <summary>The model's versions.</summary>
    public List<ModelVersion> Versions { get; set; } = [];
    /// <summary>The model's aliases.</summary>
    public List<ModelAlias> Aliases { get; set; } = [];
}
