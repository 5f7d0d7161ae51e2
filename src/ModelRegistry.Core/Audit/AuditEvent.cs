namespace ModelRegistry.Core.Audit;

/// <summary>
/// One entry of the audit log, which is also the registry's event log: gap-free <see cref="Sequence"/>,
/// and a SHA-256 <see cref="Hash"/> chained to the previous entry so that any rewrite is detectable.
/// </summary>
public class AuditEvent
{
    /// <summary>Position in the log, 1, 2, 3… with no gap.</summary>
    public long Sequence { get; set; }
    /// <summary>Event type, e.g. MODEL_REGISTERED.</summary>
    public string Type { get; set; } = "";
    /// <summary>When it happened (UTC).</summary>
    public DateTime OccurredAt { get; set; }
    /// <summary>Who did it.</summary>
    public string Actor { get; set; } = "";
    /// <summary>Why, if given.</summary>
    public string? Reason { get; set; }
    /// <summary>Node type of the subject, e.g. "ModelVersion".</summary>
    public string SubjectType { get; set; } = "";
    /// <summary>Key of the subject.</summary>
    public long SubjectId { get; set; }
    /// <summary>The model concerned, when there is one.</summary>
    public long? ModelId { get; set; }
    /// <summary>Event details as canonical JSON.</summary>
    public string PayloadJson { get; set; } = "{}";
    /// <summary>Hash of the previous event (64 zeros for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 over the previous hash and this event's canonical form.</summary>
    public string Hash { get; set; } = "";
    /// <summary>
    /// HMAC-SHA256 of the sequence and hash under the anchor key, which the database never holds (see <see cref="AuditAnchor"/>);
    /// not part of the hash, so the public chain stays checkable by anyone.
    /// </summary>
    public string? Mac { get; set; }
}
