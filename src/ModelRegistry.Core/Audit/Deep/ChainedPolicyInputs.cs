using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Audit.Deep;

/// <summary>
/// Guards the promotion policy check against tampered rows: before a rule judges a version's metrics or training data,
/// those stored rows are compared with the chain, and a difference refuses the promotion with STATE_MISMATCH naming the
/// field, rather than letting the policy approve on a value nobody chained.
/// </summary>
public static class ChainedPolicyInputs
{
    /// <summary>The STATE_MISMATCH refusal for the first input of <paramref name="rule"/> that differs from the chain; null when all match.</summary>
    public static async Task<DomainError?> MismatchAsync(IRegistryDbContext db, PromotionPolicyRule rule, ModelVersion version, CancellationToken ct)
    {
        var state = await new StateVerifier(db).ReplayAsync(version.ModelId, ct);
        var findings = await new StateComparison(db, state, version.ModelId).RunAsync(ct);
        var end = LineageRules.End(LineageNodeKind.ModelVersion, version.Id);
        var trainingEdges = rule.RequireTrainingData
            ? (await db.LineageEdges.AsNoTracking()
                    .Where(e => e.TargetKind == LineageNodeKind.ModelVersion && e.TargetId == version.Id && e.Relation == LineageRelation.TrainedOn)
                    .Select(e => e.Id).ToListAsync(ct))
                .Concat(state.Edges.Where(e => e.Value.Target == end && e.Value.Relation == "TRAINED_ON").Select(e => e.Key)).ToHashSet()
            : [];
        var mismatch = findings.Mismatches.FirstOrDefault(m =>
            (m.SubjectType == nameof(ModelVersion) && m.SubjectId == version.Id && (rule.MetricName is not null && m.Field.StartsWith("metrics.", StringComparison.Ordinal) || m.Field == "row"))
            || (m.SubjectType == nameof(LineageEdge) && trainingEdges.Contains(m.SubjectId)));
        if (mismatch is null)
            return null;
        var what = mismatch.SubjectType == nameof(LineageEdge) ? $"training data edge {mismatch.SubjectId}" : $"version {version.Number}";
        return new DomainError(ErrorCodes.StateMismatch,
            $"The stored {mismatch.Field} of {what} is {mismatch.StoredValue ?? "absent"} but the audit chain records {mismatch.ChainedValue ?? "nothing"}; "
            + "the promotion policy is not judged on tampered state. Run verifyAuditTrail(deep: true).", mismatch.Field);
    }
}
