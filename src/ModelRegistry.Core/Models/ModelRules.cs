using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Core.Models;

/// <summary>Checks shared by the use cases that change a model's identity or life.</summary>
public static class ModelRules
{
    /// <summary>The refusal of a write to a deleted model; null when it lives.</summary>
    public static DomainError? CheckLive(Model model)
        => model.DeletedAt is null ? null : DomainError.Invalid($"The model '{model.Name}' was deleted; it can no longer change.", "modelId");

    /// <summary>
    /// Role grants and policy rules name a model by its name ("model:&lt;name&gt;"). Renaming or deleting a model they name
    /// would leave them pointing at a name another model may take, so those writes are refused until they are moved or
    /// revoked; null when nothing names the model.
    /// </summary>
    public static async Task<DomainError?> CheckNotNamedByGovernanceAsync(IRegistryDbContext db, Model model, string action, CancellationToken cancellationToken)
    {
        var scope = "model:" + model.Name;
        var grants = await db.RoleAssignments.CountAsync(g => g.Scope == scope && g.RevokedAt == null, cancellationToken);
        var promotion = await db.PromotionPolicyRules.CountAsync(r => r.Scope == scope, cancellationToken);
        var deployment = await db.DeploymentPolicyRules.CountAsync(r => r.Scope == scope, cancellationToken);
        if (grants + promotion + deployment == 0)
            return null;
        return DomainError.Invalid(
            $"Cannot {action} '{model.Name}': {grants} role grant(s) and {promotion + deployment} policy rule(s) are scoped to " +
            $"'{scope}'. Revoke or re-scope them first (e.g. to the owning team), so they cannot apply to another model of that name.",
            "modelId");
    }
}
