namespace ModelRegistry.Core.Lineage;

/// <summary>
/// A directed lineage edge, pointing the way data flows (source upstream, target downstream).
/// Edges are never deleted: closing one sets <see cref="ValidTo"/>, so the graph can be read as of any time.
/// </summary>
public class LineageEdge
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Kind of the upstream node.</summary>
    public LineageNodeKind SourceKind { get; set; }
    /// <summary>Key of the upstream node.</summary>
    public long SourceId { get; set; }
    /// <summary>Kind of the downstream node.</summary>
    public LineageNodeKind TargetKind { get; set; }
    /// <summary>Key of the downstream node.</summary>
    public long TargetId { get; set; }
    /// <summary>The relation.</summary>
    public LineageRelation Relation { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>Start of validity (UTC).</summary>
    public DateTime ValidFrom { get; set; }
    /// <summary>End of validity (UTC); null while the edge is live.</summary>
    public DateTime? ValidTo { get; set; }
}
