namespace ModelRegistry.Core.Promotions;

/// <summary>One approver's decision on a promotion request.</summary>
public class ApprovalDecision
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The request decided on.</summary>
    public long PromotionRequestId { get; set; }
    /// <summary>Who decided.</summary>
    public string By { get; set; } = "";
    /// <summary>Approve (true) or reject (false).</summary>
    public bool Approved { get; set; }
    /// <summary>Why.</summary>
    public string? Comment { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTime At { get; set; }
}
