using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// Decides which versions may serve in an environment. Defaults: <c>production</c> needs PRODUCTION, <c>staging</c>
/// needs STAGING or PRODUCTION, any other environment needs nothing. No environment serves an ARCHIVED version.
/// </summary>
public static class DeploymentPolicy
{
    /// <summary>The built-in rule of an environment.</summary>
    public static DeploymentPolicyRule Default(string environment)
        => new()
        {
            Scope = AccessScope.Global,
            Environment = environment,
            AllowedStages = environment switch
            {
                "production" => [ModelStage.Production],
                "staging" => [ModelStage.Staging, ModelStage.Production],
                _ => [],
            },
            UpdatedBy = "built-in",
        };

    /// <summary>The rule in force for a model and environment: model rule, else team rule, else global rule, else the default.</summary>
    public static async Task<DeploymentPolicyRule> ForAsync(IRegistryDbContext db, Model model, string environment, CancellationToken cancellationToken)
    {
        var scopes = PolicyScope.Precedence(model);
        var rules = await db.DeploymentPolicyRules.AsNoTracking()
            .Where(r => r.Environment == environment && scopes.Contains(r.Scope))
            .ToListAsync(cancellationToken);
        return scopes.Select(s => rules.FirstOrDefault(r => r.Scope == s)).FirstOrDefault(r => r is not null) ?? Default(environment);
    }

    /// <summary>Why the version may not serve under the rule, naming the rule; null when it may.</summary>
    public static string? Violation(DeploymentPolicyRule rule, ModelVersion version)
    {
        var allowed = version.Stage != ModelStage.Archived && (rule.AllowedStages.Count == 0 || rule.AllowedStages.Contains(version.Stage));
        return allowed ? null
            : $"Version {version.Number} of {version.Model?.Name} is {StageMachine.Name(version.Stage)}; deployment policy {Describe(rule)}.";
    }

    /// <summary>DEPLOYMENT_POLICY_VIOLATION when the version may not serve under the rule; null when it may.</summary>
    public static DomainError? Check(DeploymentPolicyRule rule, ModelVersion version, string field)
        => Violation(rule, version) is { } message ? new DomainError(ErrorCodes.DeploymentPolicyViolation, message, field) : null;

    /// <summary>The rule in words: scope, environment and the stages it allows.</summary>
    public static string Describe(DeploymentPolicyRule rule)
        => $"(scope {rule.Scope}{(rule.Id == 0 ? ", built-in" : "")}, environment \"{rule.Environment}\") "
           + (rule.AllowedStages.Count == 0 ? "allows any stage but ARCHIVED" : "allows only " + string.Join(" or ", rule.AllowedStages.Select(StageMachine.Name)));
}
