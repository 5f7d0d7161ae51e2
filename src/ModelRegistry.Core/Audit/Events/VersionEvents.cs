using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>
/// VERSION_CREATED. Payloads chained before events carried the governed state hold only the model, number, training
/// data and metric figures; <see cref="Edges"/> is present (possibly empty) exactly when the event also carries the
/// parameters and the keys of the lineage edges it created, which is how the replay tells the two apart.
/// </summary>
public sealed record VersionCreated(
    string Model, int Number, IReadOnlyList<long> TrainedOn, IReadOnlyList<ChainedMetric> Metrics,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hyperparameters = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TrainingParameters = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChainedEdge>? Edges = null) : IChainedEvent
{
    /// <summary>Where the model's files live, when the client gave it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }
    /// <summary>The training run, when given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }
    /// <summary>A link to the run, when given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunLink { get; init; }
    /// <summary>The key/value tags it was created with, when any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChainedKeyValue>? KeyValueTags { get; init; }
}

/// <summary>A key/value tag as chained.</summary>
public sealed record ChainedKeyValue(string Key, string Value);

/// <summary>One metric as chained; the dataset version is absent from payloads chained before it was recorded.</summary>
public sealed record ChainedMetric(
    string Name, double Value, string? Split,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? DatasetVersionId = null);

/// <summary>A lineage edge a use case created as a side effect, with its key; ends are "Kind:key".</summary>
public sealed record ChainedEdge(long LineageEdgeId, string Relation, string Source, string Target);

/// <summary>STAGE_CHANGED.</summary>
public sealed record StageChanged(string? Model, int Version, string? From, string To, long? PromotionRequestId) : IChainedEvent;

/// <summary>PROMOTION_REQUESTED.</summary>
public sealed record PromotionRequested(string Model, int Version, string TargetStage, string Status, int RequiredApprovals) : IChainedEvent;

/// <summary>
/// PROMOTION_APPROVED, PROMOTION_REJECTED and PROMOTION_CANCELLED. An approval carries the count so far; a rejection
/// and an approval carry the approver's kind (absent from decisions chained before it was recorded).
/// </summary>
public sealed record PromotionDecided(
    string Model, int Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Approvals = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RequiredApprovals = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TargetStage = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApproverKind = null) : IChainedEvent;

/// <summary>BASELINE_PROFILE_SET: the features profiled.</summary>
public sealed record BaselineProfileSet(string Model, int Version, IReadOnlyList<string> Features) : IChainedEvent;

/// <summary>VERSION_UPDATED: the new description and the one it replaced.</summary>
public sealed record VersionUpdated(string Model, int Number, string? Description, string? Before) : IChainedEvent;

/// <summary>VERSION_DELETED: the version deleted (the row is kept) and the aliases that pointed at it.</summary>
public sealed record VersionDeleted(string Model, int Number, IReadOnlyList<string> AliasesRemoved) : IChainedEvent;
