using GraphQL.Types;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>
/// <c>ModelPermissions</c>: what the caller's grants allow on one model, so a client shows only the controls the caller may
/// use. Each answer is the role check the mutation itself makes; a mutation may still refuse for a reason of its own
/// (a self-approval, a failed policy check, a wrong transition).
/// </summary>
public sealed class ModelPermissionsType : ObjectGraphType<Model>
{
    /// <summary>Declares the fields.</summary>
    public ModelPermissionsType()
    {
        Name = "ModelPermissions";
        Description = "What the caller's grants allow on this model: the role check each mutation makes. The mutation may still refuse for a reason of its own, such as SELF_APPROVAL or a failed policy check.";
        Add("edit", Role.Contributor, "Edit the card and tags, create, describe and delete versions, upload artifacts (CONTRIBUTOR).");
        Add("requestPromotion", Role.Contributor, "Request a stage change with promoteModelVersion (CONTRIBUTOR).");
        Add("decidePromotions", Role.Approver, "Approve or reject this model's promotion requests (APPROVER).");
        Add("setAlias", Role.Deployer, "Set or remove this model's aliases (DEPLOYER).");
        Add("deploy", Role.Deployer, "Record deployments of this model's versions and configure their monitoring (DEPLOYER).");
        Add("administer", Role.Admin, "Set this model's promotion and deployment policies and grant roles on it (ADMIN).");
    }

    private void Add(string name, Role role, string description)
        => Field<NonNullGraphType<BooleanGraphType>>(name).Description(description)
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<AccessControl>()
                .HasAsync(role, AccessScope.Of(c.Source), c.CancellationToken));
}
