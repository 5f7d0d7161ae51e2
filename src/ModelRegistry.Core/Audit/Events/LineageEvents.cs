using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>LINEAGE_EDGE_ADDED; the subject is the edge, its ends are "Kind:key".</summary>
public sealed record LineageEdgeAdded(string Relation, string Source, string Target) : IChainedEvent;

/// <summary>LINEAGE_EDGE_CLOSED; the subject is the edge. Its ends are absent from payloads chained before they were recorded.</summary>
public sealed record LineageEdgeClosed(
    string Relation, DateTime? ValidTo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Target = null) : IChainedEvent;
