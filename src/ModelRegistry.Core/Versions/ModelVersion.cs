using ModelRegistry.Core.Models;

namespace ModelRegistry.Core.Versions;

/// <summary>One trained version of a model, numbered 1, 2, 3… per model.</summary>
public class ModelVersion
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Owning model.</summary>
    public long ModelId { get; set; }
    /// <summary>Navigation to the model.</summary>
    public Model? Model { get; set; }
    /// <summary>Per-model number, gap-free and never reused.</summary>
    public int Number { get; set; }
    /// <summary>Current lifecycle stage.</summary>
    public ModelStage Stage { get; set; }
    /// <summary>Free text.</summary>
    public string? Description { get; set; }
    /// <summary>Creation time (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>Last change to the version: its description, stage or key/value tags (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the version was deleted (UTC); null while it lives. Its number is never handed out again.</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>Who deleted it.</summary>
    public string? DeletedBy { get; set; }
    /// <summary>Where the model's files live, as the client registered it (MLflow's <c>source</c>), e.g. s3://bucket/model.</summary>
    public string? Source { get; set; }
    /// <summary>The training run that produced it (MLflow's <c>run_id</c>).</summary>
    public string? RunId { get; set; }
    /// <summary>A link to that run (MLflow's <c>run_link</c>).</summary>
    public string? RunLink { get; set; }
    /// <summary>Key/value tags (MLflow's model-version tags).</summary>
    public List<VersionKeyValueTag> KeyValueTags { get; set; } = [];
    /// <summary>Training framework, e.g. "pytorch 2.4".</summary>
    public string? Framework { get; set; }
    /// <summary>Hyperparameters as JSON text.</summary>
    public string? HyperparametersJson { get; set; }
    /// <summary>Training parameters as JSON text.</summary>
    public string? TrainingParametersJson { get; set; }
    /// <summary>Normalised tags.</summary>
    public List<string> Tags { get; set; } = [];
    /// <summary>The code the version was trained from.</summary>
    public SourceCodeRef? SourceCode { get; set; }
    /// <summary>Evaluation metrics.</summary>
    public List<Metric> Metrics { get; set; } = [];
    /// <summary>Every stage change, oldest first.</summary>
    public List<StageTransition> StageHistory { get; set; } = [];
}
