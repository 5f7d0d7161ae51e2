using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Promotions;

/// <summary>A request to move a version to a stage, decided by the stage's promotion policy.</summary>
public class PromotionRequest
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version to move.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>Navigation to the version.</summary>
    public ModelVersion? ModelVersion { get; set; }
    /// <summary>The stage asked for.</summary>
    public ModelStage TargetStage { get; set; }
    /// <summary>Where the request stands.</summary>
    public PromotionStatus Status { get; set; }
    /// <summary>Who asked.</summary>
    public string RequestedBy { get; set; } = "";
    /// <summary>When (UTC).</summary>
    public DateTime RequestedAt { get; set; }
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
    /// <summary>Approver decisions, oldest first.</summary>
    public List<ApprovalDecision> Approvals { get; set; } = [];
}
