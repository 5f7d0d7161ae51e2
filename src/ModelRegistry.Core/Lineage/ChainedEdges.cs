using ModelRegistry.Core.Audit.Events;

namespace ModelRegistry.Core.Lineage;

/// <summary>How a lineage edge row is written into the event of the use case that created it.</summary>
public static class ChainedEdges
{
    /// <summary>The chained form of a saved edge.</summary>
    public static ChainedEdge Of(LineageEdge edge)
        => new(edge.Id, LineageRules.Name(edge.Relation), LineageRules.End(edge.SourceKind, edge.SourceId), LineageRules.End(edge.TargetKind, edge.TargetId));
}
