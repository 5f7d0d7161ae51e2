using GraphQL.Types;
using ModelRegistry.Core.Versions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Promotions;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Governance;

/// <summary>The <c>PromotionStatus</c> enum.</summary>
public sealed class PromotionStatusType : EnumerationGraphType<PromotionStatus>
{
    /// <summary>Names the enum.</summary>
    public PromotionStatusType() => Name = "PromotionStatus";
}

/// <summary>The <c>PromotionRequest</c> node.</summary>
public sealed class PromotionRequestType : ObjectGraphType<PromotionRequest>
{
    /// <summary>Declares the fields.</summary>
    public PromotionRequestType()
    {
        Name = "PromotionRequest";
        Interface<NodeInterfaceType>();
        Description = "A request to move a version to a stage, decided by the stage's promotion policy.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.PromotionRequest, c.Source.Id));
        Field<NonNullGraphType<ModelVersionType>>("modelVersion")
            .Resolve(c => c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field<NonNullGraphType<ModelStageType>>("targetStage").Resolve(c => c.Source.TargetStage);
        Field<NonNullGraphType<PromotionStatusType>>("status").Resolve(c => c.Source.Status);
        Field(r => r.RequestedBy);
        Field<NonNullGraphType<DateTimeGraphType>>("requestedAt").Resolve(c => c.Source.RequestedAt);
        Field(r => r.Reason);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApprovalDecisionType>>>>("approvals")
            .Sliced(defaultSize: ListBounds.MaxSlice)
            .Resolve(c => c.Slice(c.LoadMany("promotion.approvals", c.Source.Id, async (db, ids, ct) =>
                (await db.ApprovalDecisions.AsNoTracking().Where(a => ids.Contains(a.PromotionRequestId)).OrderBy(a => a.Id).ToListAsync(ct))
                    .Select(a => (a.PromotionRequestId, a)).ToList())));
    }
}

/// <summary>The <c>ApprovalDecision</c> type.</summary>
public sealed class ApprovalDecisionType : ObjectGraphType<ApprovalDecision>
{
    /// <summary>Declares the fields.</summary>
    public ApprovalDecisionType()
    {
        Name = "ApprovalDecision";
        Field(a => a.By);
        Field(a => a.Approved);
        Field(a => a.Comment, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
    }
}
