using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Promotions;

namespace ModelRegistry.Api.Governance;

/// <summary>The <c>CreateApiKeyPayload</c> type: the key and, once only, its secret.</summary>
public sealed class CreateApiKeyPayloadType : ObjectGraphType<Payload<CreatedApiKey>>
{
    /// <summary>Declares the fields.</summary>
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field<ApiKeyType>("apiKey").Resolve(c => c.Source.Value?.Key);
        Field<StringGraphType>("secret").Description("The full key; it is shown this once and never stored.").Resolve(c => c.Source.Value?.Secret);
        this.AddErrorsField(p => p.Errors);
    }
}

/// <summary>The <c>RevokeApiKeyPayload</c> type.</summary>
public sealed class RevokeApiKeyPayloadType() : PayloadType<ApiKey, ApiKeyType>("RevokeApiKeyPayload", "apiKey");

/// <summary>The <c>GrantRolePayload</c> type.</summary>
public sealed class GrantRolePayloadType() : PayloadType<RoleAssignment, RoleAssignmentType>("GrantRolePayload", "roleAssignment");

/// <summary>The <c>RevokeRolePayload</c> type.</summary>
public sealed class RevokeRolePayloadType() : PayloadType<RoleAssignment, RoleAssignmentType>("RevokeRolePayload", "roleAssignment");

/// <summary>The <c>ApprovePromotionPayload</c> type.</summary>
public sealed class ApprovePromotionPayloadType() : PayloadType<PromotionRequest, PromotionRequestType>("ApprovePromotionPayload", "promotionRequest");

/// <summary>The <c>RejectPromotionPayload</c> type.</summary>
public sealed class RejectPromotionPayloadType() : PayloadType<PromotionRequest, PromotionRequestType>("RejectPromotionPayload", "promotionRequest");

/// <summary>The <c>CancelPromotionPayload</c> type.</summary>
public sealed class CancelPromotionPayloadType() : PayloadType<PromotionRequest, PromotionRequestType>("CancelPromotionPayload", "promotionRequest");

/// <summary>The <c>SetPromotionPolicyPayload</c> type.</summary>
public sealed class SetPromotionPolicyPayloadType() : PayloadType<PromotionPolicyRule, PromotionPolicyType>("SetPromotionPolicyPayload", "promotionPolicy");
