using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Governance;

/// <summary>Arguments of <c>createApiKey</c>.</summary>
public sealed class CreateApiKeyInput : IMutationInput
{
    /// <summary>A label.</summary>
    public string Name { get; set; } = "";
    /// <summary>The principal the key acts as (the caller when omitted; others need ADMIN).</summary>
    public string? Principal { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>CreateApiKeyInput</c> type.</summary>
public sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    /// <summary>Declares the fields.</summary>
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Field(x => x.Name);
        Field(x => x.Principal, nullable: true);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments naming one node by ID (revokeApiKey, revokeRole, cancelPromotion).</summary>
public sealed class IdInput : IMutationInput
{
    /// <summary>The node's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>Arguments of <c>grantRole</c>.</summary>
public sealed class GrantRoleInput : IMutationInput
{
    /// <summary>User, service or "group:&lt;name&gt;".</summary>
    public string Principal { get; set; } = "";
    /// <summary>The role.</summary>
    public Role Role { get; set; }
    /// <summary>"global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>GrantRoleInput</c> type.</summary>
public sealed class GrantRoleInputType : InputObjectGraphType<GrantRoleInput>
{
    /// <summary>Declares the fields.</summary>
    public GrantRoleInputType()
    {
        Name = "GrantRoleInput";
        Field(x => x.Principal);
        Field<NonNullGraphType<RoleType>>("role");
        Field<StringGraphType>("scope").DefaultValue(AccessScope.Global);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of approvePromotion and rejectPromotion.</summary>
public sealed class DecidePromotionInput : IMutationInput
{
    /// <summary>The request's ID.</summary>
    public string PromotionRequestId { get; set; } = "";
    /// <summary>Why.</summary>
    public string? Comment { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>Arguments of <c>setPromotionPolicy</c>.</summary>
public sealed class SetPromotionPolicyInput : IMutationInput
{
    /// <summary>"global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>The stage governed.</summary>
    public ModelStage TargetStage { get; set; }
    /// <summary>Approvals needed.</summary>
    public int RequiredApprovals { get; set; }
    /// <summary>Whether a TRAINED_ON edge is required.</summary>
    public bool RequireTrainingData { get; set; }
    /// <summary>A metric the version must report…</summary>
    public string? MetricName { get; set; }
    /// <summary>…at least at this value.</summary>
    public double? MetricMinimum { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>SetPromotionPolicyInput</c> type.</summary>
public sealed class SetPromotionPolicyInputType : InputObjectGraphType<SetPromotionPolicyInput>
{
    /// <summary>Declares the fields.</summary>
    public SetPromotionPolicyInputType()
    {
        Name = "SetPromotionPolicyInput";
        Field<StringGraphType>("scope").DefaultValue(AccessScope.Global);
        Field<NonNullGraphType<ModelStageType>>("targetStage");
        Field(x => x.RequiredApprovals);
        Field<BooleanGraphType>("requireTrainingData").DefaultValue(false);
        Field(x => x.MetricName, nullable: true);
        Field(x => x.MetricMinimum, nullable: true);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>An input type with one ID field, named per mutation as the contract does.</summary>
public abstract class IdInputType : InputObjectGraphType<IdInput>
{
    /// <summary>Names the type.</summary>
    protected IdInputType(string name)
    {
        Name = name;
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>The <c>RevokeApiKeyInput</c> type.</summary>
public sealed class RevokeApiKeyInputType() : IdInputType("RevokeApiKeyInput");

/// <summary>The <c>RevokeRoleInput</c> type.</summary>
public sealed class RevokeRoleInputType() : IdInputType("RevokeRoleInput");

/// <summary>A decision input type (approve needs no comment, reject does).</summary>
public abstract class DecidePromotionInputType : InputObjectGraphType<DecidePromotionInput>
{
    /// <summary>Names the type.</summary>
    protected DecidePromotionInputType(string name, bool commentRequired)
    {
        Name = name;
        Field<NonNullGraphType<IdGraphType>>("promotionRequestId");
        if (commentRequired)
            Field<NonNullGraphType<StringGraphType>>("comment");
        else
            Field<StringGraphType>("comment");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records. Defaults to the comment.");
    }
}

/// <summary>The <c>ApprovePromotionInput</c> type.</summary>
public sealed class ApprovePromotionInputType() : DecidePromotionInputType("ApprovePromotionInput", commentRequired: false);

/// <summary>The <c>RejectPromotionInput</c> type.</summary>
public sealed class RejectPromotionInputType() : DecidePromotionInputType("RejectPromotionInput", commentRequired: true);

/// <summary>The <c>CancelPromotionInput</c> type.</summary>
public sealed class CancelPromotionInputType : InputObjectGraphType<DecidePromotionInput>
{
    /// <summary>Declares the field.</summary>
    public CancelPromotionInputType()
    {
        Name = "CancelPromotionInput";
        Field<NonNullGraphType<IdGraphType>>("promotionRequestId");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}
