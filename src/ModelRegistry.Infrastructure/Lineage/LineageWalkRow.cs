using ModelRegistry.Core.Lineage;

namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>One row of the walk statement: a reached edge and the smallest hop at which the walk crossed it.</summary>
public sealed class LineageWalkRow
{
    /// <summary>Edge key.</summary>
    public long Id { get; set; }
    /// <summary>Kind of the upstream node, as stored.</summary>
    public string SourceKind { get; set; } = "";
    /// <summary>Key of the upstream node.</summary>
    public long SourceId { get; set; }
    /// <summary>Kind of the downstream node, as stored.</summary>
    public string TargetKind { get; set; } = "";
    /// <summary>Key of the downstream node.</summary>
    public long TargetId { get; set; }
    /// <summary>Relation, as stored.</summary>
    public string Relation { get; set; } = "";
    /// <summary>When the edge was recorded.</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>Start of validity.</summary>
    public DateTime ValidFrom { get; set; }
    /// <summary>End of validity; null while live.</summary>
    public DateTime? ValidTo { get; set; }
    /// <summary>Hops from the root to the edge's far end (1 for an edge touching the root).</summary>
    public int Hop { get; set; }

    /// <summary>The edge as the entity the graph types resolve; timestamps come back from SQL without a kind, and are UTC.</summary>
    public LineageEdge ToEdge() => new()
    {
        Id = Id,
        SourceKind = Enum.Parse<LineageNodeKind>(SourceKind),
        SourceId = SourceId,
        TargetKind = Enum.Parse<LineageNodeKind>(TargetKind),
        TargetId = TargetId,
        Relation = Enum.Parse<LineageRelation>(Relation),
        CreatedAt = DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc),
        CreatedBy = CreatedBy,
        ValidFrom = DateTime.SpecifyKind(ValidFrom, DateTimeKind.Utc),
        ValidTo = ValidTo is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
    };
}
