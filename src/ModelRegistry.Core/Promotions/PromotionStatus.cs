namespace ModelRegistry.Core.Promotions;

/// <summary>Where a promotion request stands.</summary>
public enum PromotionStatus
{
    /// <summary>Waiting for approvals.</summary>
    Pending,
    /// <summary>Approved, about to apply.</summary>
    Approved,
    /// <summary>Refused by an approver.</summary>
    Rejected,
    /// <summary>The stage change happened.</summary>
    Applied,
    /// <summary>Withdrawn by the requester.</summary>
    Cancelled,
}
