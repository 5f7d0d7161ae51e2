using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// The promotion policies in force at any past moment, rebuilt from the PROMOTION_POLICY_SET events of the chain rather
/// than from the live rows, which only say what is in force now (and which the chain does not protect).
/// </summary>
public sealed class PolicyHistory
{
    private readonly List<(DateTime At, string Scope, string Stage, PolicyEntry Policy)> _changes;

    private PolicyHistory(List<(DateTime, string, string, PolicyEntry)> changes) => _changes = changes;

    /// <summary>Reads every promotion policy change of the log, oldest first.</summary>
    public static async Task<PolicyHistory> LoadAsync(IRegistryDbContext db, CancellationToken cancellationToken)
    {
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Type == EventTypes.PromotionPolicySet)
            .OrderBy(e => e.Sequence).Select(e => new { e.OccurredAt, e.PayloadJson }).ToListAsync(cancellationToken);
        var changes = new List<(DateTime, string, string, PolicyEntry)>();
        foreach (var e in events)
        {
            if (ChainedEventJson.Read<PromotionPolicySet>(e.PayloadJson) is not { Scope: { } scope, TargetStage: { } stage } set)
                continue;
            var summary = Summary(set.RequiredApprovals, set.RequireTrainingData, set.MetricName, set.MetricMinimum);
            changes.Add((e.OccurredAt, scope, stage, new PolicyEntry(scope, summary)));
        }
        return new PolicyHistory(changes);
    }

    /// <summary>The rule for promotions of <paramref name="model"/> to <paramref name="stage"/> in force at <paramref name="at"/>.</summary>
    public PolicyEntry InForce(Model model, string stage, DateTime at)
    {
        foreach (var scope in PolicyScope.Precedence(model))
        {
            var last = _changes.LastOrDefault(c => c.Scope == scope && c.Stage == stage && c.At <= at);
            if (last.Policy is not null)
                return last.Policy;
        }
        return new PolicyEntry("default", Summary(stage == "PRODUCTION" ? 1 : 0, false, null, null));
    }

    private static string Summary(int approvals, bool trainingData, string? metric, double? minimum)
    {
        var parts = new List<string> { approvals == 0 ? "applies at once" : approvals == 1 ? "1 approval" : $"{approvals} approvals" };
        if (trainingData)
            parts.Add("training data required");
        if (metric is not null && minimum is { } min)
            parts.Add($"{metric} ≥ {min.ToString(CultureInfo.InvariantCulture)}");
        return string.Join("; ", parts);
    }
}
