using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Governance;

/// <summary>Input of <see cref="SetDeploymentPolicy"/>.</summary>
public sealed record SetDeploymentPolicyCommand(string Scope, string Environment, IReadOnlyList<ModelStage> AllowedStages, string? Reason);

/// <summary>
/// Sets which stages may serve in an environment at a scope; ADMIN on that scope. Live deployments the new rule no
/// longer allows are marked non-compliant in the same transaction (and those it now allows are cleared).
/// </summary>
public sealed class SetDeploymentPolicy(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<DeploymentPolicyRule>> ExecuteAsync(SetDeploymentPolicyCommand c, CancellationToken cancellationToken)
        => writer.ExecuteAsync<DeploymentPolicyRule>(async w =>
        {
            if (await PolicyScope.TargetAsync(w, c.Scope, cancellationToken) is not { } target)
                return PolicyScope.Invalid;
            if (await w.RequireAsync(Role.Admin, target, "set deployment policies here", cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                Rules.CheckName(c.Environment, "environment", "environment"),
                c.AllowedStages.Contains(ModelStage.Archived)
                    ? DomainError.Invalid("ARCHIVED versions never serve; 'allowedStages' cannot include ARCHIVED.", "allowedStages") : null,
                Rules.CheckOptional(c.Reason, "reason"));
            if (error is not null)
                return error;
            var rule = await w.Db.DeploymentPolicyRules.FirstOrDefaultAsync(r => r.Scope == c.Scope && r.Environment == c.Environment, cancellationToken);
            var previous = rule?.AllowedStages.Select(StageMachine.Name).ToList();
            if (rule is null)
            {
                rule = new DeploymentPolicyRule { Scope = c.Scope, Environment = c.Environment };
                w.Db.DeploymentPolicyRules.Add(rule);
            }
            rule.AllowedStages = [.. c.AllowedStages.Distinct().Order()];
            rule.UpdatedAt = w.Now;
            rule.UpdatedBy = w.Actor;
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.DeploymentPolicySet, nameof(DeploymentPolicyRule), rule.Id, null,
                new DeploymentPolicySet(rule.Scope, rule.Environment, [.. rule.AllowedStages.Select(StageMachine.Name)], previous),
                c.Reason);
            await DeploymentCompliance.ReassessEnvironmentAsync(w, c.Environment, cancellationToken);
            return rule;
        }, cancellationToken);
}
