using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Promotions;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Governance;

/// <summary>Queries of the Governance feature.</summary>
public static class GovernanceQueries
{
    /// <summary>Adds me, promotionRequests, deploymentPolicies and verifyAuditTrail.</summary>
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<PrincipalType>("me")
            .Description("The caller, or null without credentials.")
            .Resolve(c =>
            {
                var principal = c.RequestServices!.GetRequiredService<AccessControl>().Principal;
                return principal.IsAuthenticated ? principal : null;
            });

        query.Field<PromotionRequestsConnectionType>("promotionRequests")
            .Description("Promotion requests of the models the caller can see, newest first by default.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(PromotionRequestFilterInput))
            .SortArgument(typeof(PromotionRequestSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().PromotionRequests.AsNoTracking(), r => r.Id,
                OrderKey.By<PromotionRequest, DateTime>(r => r.RequestedAt, true, "requestedAt")));

        query.Field<DeploymentPoliciesConnectionType>("deploymentPolicies")
            .Description("Configured deployment policies the caller can see, by environment then scope. Environments without one use the "
                         + "built-in default (production needs PRODUCTION, staging needs STAGING or PRODUCTION); Model.deploymentPolicy "
                         + "answers the rule in force for one model.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DeploymentPolicyFilterInput))
            .SortArgument(typeof(DeploymentPolicySortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().DeploymentPolicyRules.AsNoTracking(), r => r.Id,
                OrderKey.By<DeploymentPolicyRule, string>(r => r.Environment, false, "environment"),
                OrderKey.By<DeploymentPolicyRule, string>(r => r.Scope, false, "scope")));

        query.Field<NonNullGraphType<AuditVerificationType>>("verifyAuditTrail")
            .Description("Walks the hash chain of the audit log; with `deep: true` also replays the chain and compares the state it builds "
                         + "with the live rows. Needs read access to the whole registry.")
            .Argument<LongGraphType>("fromSequence")
            .Argument<LongGraphType>("toSequence")
            .Argument<BooleanGraphType>("deep", "Also compare the live versions, metrics, parameters, stages, aliases, deployments, lineage "
                                                + "edges, role grants and policies with the state replayed from the whole chain.", d => d.DefaultValue = false)
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                if (!(await services.GetRequiredService<AccessControl>().ReadVisibilityAsync(c.CancellationToken)).All)
                    throw new ExecutionError("Verifying the audit trail needs a role at global scope.") { Code = ErrorCodes.Forbidden };
                using (services.GetRequiredService<ReadVisibilityHolder>().Unrestricted())
                {
                    var chain = await services.GetRequiredService<AuditVerifier>()
                        .VerifyAsync(c.GetArgument<long?>("fromSequence"), c.GetArgument<long?>("toSequence"), c.CancellationToken);
                    var state = c.GetArgument("deep", false)
                        ? await services.GetRequiredService<StateVerifier>().VerifyAsync(c.CancellationToken)
                        : null;
                    return new AuditTrailVerification(chain, state);
                }
            });
    }
}
