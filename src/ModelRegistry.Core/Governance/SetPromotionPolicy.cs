using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Governance;

/// <summary>Input of <see cref="SetPromotionPolicy"/>.</summary>
public sealed record SetPromotionPolicyCommand(
    string Scope, ModelStage TargetStage, int RequiredApprovals, bool RequireTrainingData, string? MetricName, double? MetricMinimum);

/// <summary>Sets the promotion policy of a stage at a scope; ADMIN on that scope.</summary>
public sealed class SetPromotionPolicy(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<PromotionPolicyRule>> ExecuteAsync(SetPromotionPolicyCommand c, CancellationToken cancellationToken)
        => writer.ExecuteAsync<PromotionPolicyRule>(async w =>
        {
            if (await PolicyScope.TargetAsync(w, c.Scope, cancellationToken) is not { } target)
                return PolicyScope.Invalid;
            if (await w.RequireAsync(Role.Admin, target, "set promotion policies here", cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                c.RequiredApprovals is < 0 or > 10 ? DomainError.Invalid("'requiredApprovals' must be between 0 and 10.", "requiredApprovals") : null,
                (c.MetricName is null) != (c.MetricMinimum is null) ? DomainError.Invalid("Give both 'metricName' and 'metricMinimum', or neither.", "metricName") : null,
                c.MetricMinimum is { } m && !double.IsFinite(m) ? DomainError.Invalid("'metricMinimum' must be a finite number.", "metricMinimum") : null);
            if (error is not null)
                return error;
            var rule = await w.Db.PromotionPolicyRules.FirstOrDefaultAsync(r => r.Scope == c.Scope && r.TargetStage == c.TargetStage, cancellationToken);
            var previous = rule is null ? null : new PromotionPolicyValues(rule.RequiredApprovals, rule.RequireTrainingData, rule.MetricName, rule.MetricMinimum);
            if (rule is null)
            {
                rule = new PromotionPolicyRule { Scope = c.Scope, TargetStage = c.TargetStage };
                w.Db.PromotionPolicyRules.Add(rule);
            }
            rule.RequiredApprovals = c.RequiredApprovals;
            rule.RequireTrainingData = c.RequireTrainingData;
            rule.MetricName = c.MetricName;
            rule.MetricMinimum = c.MetricMinimum;
            rule.UpdatedAt = w.Now;
            rule.UpdatedBy = w.Actor;
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.PromotionPolicySet, nameof(PromotionPolicyRule), rule.Id, null,
                new PromotionPolicySet(rule.Scope, StageMachine.Name(rule.TargetStage), rule.RequiredApprovals, rule.RequireTrainingData, rule.MetricName, rule.MetricMinimum, previous));
            return rule;
        }, cancellationToken);
}
