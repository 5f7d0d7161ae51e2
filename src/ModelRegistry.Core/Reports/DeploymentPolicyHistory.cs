using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// The deployment policies in force at any past moment, rebuilt from the DEPLOYMENT_POLICY_SET events of the chain, as
/// <see cref="PolicyHistory"/> does for promotions: the live rules only say what is in force now.
/// </summary>
public sealed class DeploymentPolicyHistory
{
    private readonly List<(DateTime At, DeploymentPolicyRule Rule)> _changes;

    private DeploymentPolicyHistory(List<(DateTime, DeploymentPolicyRule)> changes) => _changes = changes;

    /// <summary>Reads every deployment policy change of the log, oldest first.</summary>
    public static async Task<DeploymentPolicyHistory> LoadAsync(IRegistryDbContext db, CancellationToken cancellationToken)
    {
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Type == EventTypes.DeploymentPolicySet)
            .OrderBy(e => e.Sequence).Select(e => new { e.SubjectId, e.OccurredAt, e.PayloadJson }).ToListAsync(cancellationToken);
        var changes = new List<(DateTime, DeploymentPolicyRule)>();
        foreach (var e in events)
        {
            if (ChainedEventJson.Read<DeploymentPolicySet>(e.PayloadJson) is not { Scope: { } scope, Environment: { } environment, AllowedStages: { } stages })
                continue;
            var allowed = stages.Select(StageMachine.Parse).OfType<ModelStage>().ToList();
            changes.Add((e.OccurredAt, new DeploymentPolicyRule { Id = e.SubjectId, Scope = scope, Environment = environment, AllowedStages = allowed }));
        }
        return new DeploymentPolicyHistory(changes);
    }

    /// <summary>The rule in words for deployments of <paramref name="model"/> to <paramref name="environment"/> at <paramref name="at"/>.</summary>
    public string InForce(Model model, string environment, DateTime at)
    {
        foreach (var scope in PolicyScope.Precedence(model))
        {
            var last = _changes.LastOrDefault(c => c.Rule.Scope == scope && c.Rule.Environment == environment && c.At <= at);
            if (last.Rule is not null)
                return DeploymentPolicy.Describe(last.Rule);
        }
        return DeploymentPolicy.Describe(DeploymentPolicy.Default(environment));
    }
}
