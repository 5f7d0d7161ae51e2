using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>MODEL_REGISTERED.</summary>
public sealed record ModelRegistered(string Name, string Owner, string Task, IReadOnlyList<string> Tags) : IChainedEvent
{
    /// <summary>The key/value tags it was registered with, when any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChainedKeyValue>? KeyValueTags { get; init; }
}

/// <summary>
/// MODEL_UPDATED: the changed fields' new values at the top level (an unchanged field is absent, as it always was), and
/// since events carry old values, <see cref="Before"/>: the whole card as it was, so a null there means "was empty".
/// </summary>
public sealed record ModelUpdated(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? BusinessContext,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Tags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelCardValues? Before) : IChainedEvent;

/// <summary>The editable fields of a model card.</summary>
public sealed record ModelCardValues(string? DisplayName, string? Description, string? BusinessContext, IReadOnlyList<string> Tags);

/// <summary>ALIAS_SET: the alias, the version it points at now and the one it pointed at before (null when new).</summary>
public sealed record AliasSet(
    string Model, string Alias, int Version, long ModelVersionId, long? PreviousModelVersionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PreviousVersion = null) : IChainedEvent;

/// <summary>MODEL_RENAMED: the name before and after.</summary>
public sealed record ModelRenamed(string From, string To) : IChainedEvent;

/// <summary>MODEL_DELETED: the model's name and the numbers of the versions deleted with it. The rows are kept.</summary>
public sealed record ModelDeleted(string Name, IReadOnlyList<int> Versions) : IChainedEvent;

/// <summary>ALIAS_REMOVED: the alias and the version it pointed at.</summary>
public sealed record AliasRemoved(string Model, string Alias, int Version, long ModelVersionId) : IChainedEvent;

/// <summary>TAG_SET: a key/value tag of a model (no version) or of one of its versions, with the value it replaced.</summary>
public sealed record KeyValueTagSet(
    string Model, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version, string Key, string Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Previous) : IChainedEvent;

/// <summary>TAG_DELETED: a key/value tag removed, with the value it had.</summary>
public sealed record KeyValueTagDeleted(
    string Model, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version, string Key, string Previous) : IChainedEvent;
