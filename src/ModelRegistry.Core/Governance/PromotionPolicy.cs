using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// Decides what a promotion needs: how many approvals, and which checks the version must pass. Defaults: STAGING
/// applies at once; PRODUCTION needs one approval by an APPROVER who is neither the requester nor the version's creator.
/// </summary>
public static class PromotionPolicy
{
    /// <summary>The built-in rule of each stage.</summary>
    public static PromotionPolicyRule Defaults(ModelStage stage) => new()
    {
        Scope = AccessScope.Global,
        TargetStage = stage,
        RequiredApprovals = stage == ModelStage.Production ? 1 : 0,
    };

    /// <summary>The rule in force for a model and stage: model rule, else team rule, else global rule, else the default.</summary>
    public static async Task<PromotionPolicyRule> ForAsync(IRegistryDbContext db, Model model, ModelStage stage, CancellationToken cancellationToken)
    {
        var scopes = PolicyScope.Precedence(model);
        var rules = await db.PromotionPolicyRules.AsNoTracking()
            .Where(r => r.TargetStage == stage && scopes.Contains(r.Scope))
            .ToListAsync(cancellationToken);
        return scopes.Select(s => rules.FirstOrDefault(r => r.Scope == s)).FirstOrDefault(r => r is not null) ?? Defaults(stage);
    }

    /// <summary>Runs the rule's checks on a version; null when it passes, POLICY_CHECK_FAILED with the reason otherwise.</summary>
    public static async Task<DomainError?> CheckAsync(IRegistryDbContext db, PromotionPolicyRule rule, ModelVersion version, CancellationToken cancellationToken)
    {
        var stage = StageMachine.Name(rule.TargetStage);
        // The rule is judged on stored rows only once they are known to say what the chain says (see ChainedPolicyInputs).
        if ((rule.RequireTrainingData || rule.MetricName is not null) && await ChainedPolicyInputs.MismatchAsync(db, rule, version, cancellationToken) is { } tampered)
            return tampered;
        if (rule.RequireTrainingData)
        {
            var trained = await db.LineageEdges.AnyAsync(e => e.ValidTo == null && e.Relation == LineageRelation.TrainedOn
                && e.TargetKind == LineageNodeKind.ModelVersion && e.TargetId == version.Id, cancellationToken);
            if (!trained)
                return new DomainError(ErrorCodes.PolicyCheckFailed, $"{stage} needs the version's training data: add a TRAINED_ON dataset edge.");
        }
        if (rule.MetricName is { } metric && rule.MetricMinimum is { } minimum)
        {
            var best = await db.Metrics.Where(m => m.ModelVersionId == version.Id && m.Name == metric)
                .Select(m => (double?)m.Value).MaxAsync(cancellationToken);
            if (best is null || best < minimum)
                return new DomainError(ErrorCodes.PolicyCheckFailed,
                    $"{stage} needs metric '{metric}' of at least {minimum}; the version reports {(best is null ? "none" : best.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }
        return null;
    }
}
