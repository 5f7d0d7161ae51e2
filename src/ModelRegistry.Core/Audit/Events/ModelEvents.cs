using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>MODEL_REGISTERED.</summary>
public sealed record ModelRegistered(string Name, string Owner, string Task, IReadOnlyList<string> Tags) : IChainedEvent;

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
