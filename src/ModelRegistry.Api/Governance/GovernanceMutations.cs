using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Promotions;

namespace ModelRegistry.Api.Governance;

/// <summary>Mutations of the Governance feature: keys, roles, promotion decisions and policies.</summary>
public static class GovernanceMutations
{
    /// <summary>Adds the governance mutations.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Admins create keys for any principal, others only for themselves. The secret is returned once.")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateApiKeyInput>("input");
                return Payload<CreatedApiKey>.From(await c.RequestServices!.GetRequiredService<ManageApiKeys>()
                    .CreateAsync(input.Name, input.Principal, c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<RevokeApiKeyPayloadType>>("revokeApiKey")
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input")
            .ResolveAsync(async c =>
            {
                if (!IdArgument.TryDecode(c.GetArgument<IdInput>("input").Id, NodeTypes.ApiKey, "id", out var id, out var error))
                    return Payload<ApiKey>.Fail(error!);
                return Payload<ApiKey>.From(await c.RequestServices!.GetRequiredService<ManageApiKeys>().RevokeAsync(id, c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<GrantRolePayloadType>>("grantRole")
            .Argument<NonNullGraphType<GrantRoleInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<GrantRoleInput>("input");
                return Payload<RoleAssignment>.From(await c.RequestServices!.GetRequiredService<ManageRoles>()
                    .GrantAsync(input.Principal, input.Role, input.Scope, c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<RevokeRolePayloadType>>("revokeRole")
            .Argument<NonNullGraphType<RevokeRoleInputType>>("input")
            .ResolveAsync(async c =>
            {
                if (!IdArgument.TryDecode(c.GetArgument<IdInput>("input").Id, NodeTypes.RoleAssignment, "id", out var id, out var error))
                    return Payload<RoleAssignment>.Fail(error!);
                return Payload<RoleAssignment>.From(await c.RequestServices!.GetRequiredService<ManageRoles>().RevokeAsync(id, c.CancellationToken));
            });

        Decision<ApprovePromotionPayloadType, ApprovePromotionInputType>(mutation, "approvePromotion", PromotionDecision.Approve);
        Decision<RejectPromotionPayloadType, RejectPromotionInputType>(mutation, "rejectPromotion", PromotionDecision.Reject);
        Decision<CancelPromotionPayloadType, CancelPromotionInputType>(mutation, "cancelPromotion", PromotionDecision.Cancel);

        mutation.Field<NonNullGraphType<SetPromotionPolicyPayloadType>>("setPromotionPolicy")
            .Description("Sets how many approvals and which checks a stage needs, globally, for a team or for one model (ADMIN).")
            .Argument<NonNullGraphType<SetPromotionPolicyInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = c.GetArgument<SetPromotionPolicyInput>("input");
                return Payload<PromotionPolicyRule>.From(await c.RequestServices!.GetRequiredService<SetPromotionPolicy>().ExecuteAsync(
                    new SetPromotionPolicyCommand(i.Scope, i.TargetStage, i.RequiredApprovals, i.RequireTrainingData, i.MetricName, i.MetricMinimum),
                    c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<SetDeploymentPolicyPayloadType>>("setDeploymentPolicy")
            .Description("Sets which stages may be deployed, or receive traffic, in an environment, globally, for a team or for one model (ADMIN).")
            .Argument<NonNullGraphType<SetDeploymentPolicyInputType>>("input")
            .ResolveAsync(async c =>
            {
                var i = c.GetArgument<SetDeploymentPolicyInput>("input");
                return Payload<DeploymentPolicyRule>.From(await c.RequestServices!.GetRequiredService<SetDeploymentPolicy>().ExecuteAsync(
                    new SetDeploymentPolicyCommand(i.Scope, i.Environment, i.AllowedStages, i.Reason), c.CancellationToken));
            });
    }

    private static void Decision<TPayload, TInput>(ObjectGraphType mutation, string name, PromotionDecision decision)
        where TPayload : IGraphType where TInput : IInputObjectGraphType
        => mutation.Field<NonNullGraphType<TPayload>>(name)
            .Argument<NonNullGraphType<TInput>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DecidePromotionInput>("input");
                if (!IdArgument.TryDecode(input.PromotionRequestId, NodeTypes.PromotionRequest, "promotionRequestId", out var id, out var error))
                    return Payload<PromotionRequest>.Fail(error!);
                return Payload<PromotionRequest>.From(await c.RequestServices!.GetRequiredService<DecidePromotion>()
                    .ExecuteAsync(new DecidePromotionCommand(id, decision, input.Comment), c.CancellationToken));
            });
}
