using ModelRegistry.Core.Audit.Events;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.History;

/// <summary>
/// Answers "what was X at time T" from the registry's own records: the stage history for a version's stage, the audit log
/// for aliases and for a deployment's status and traffic. Every read goes through the request's filtered context, so the
/// history of a model the caller cannot read is never read, and a subject created after T is left out.
/// </summary>
public sealed class StateHistory(IRegistryDbContext db)
{
    /// <summary>The versions among <paramref name="ids"/> that existed at <paramref name="at"/>, as they stood then, by key.</summary>
    public async Task<IReadOnlyDictionary<long, ModelVersionAsOf>> VersionsAtAsync(
        IReadOnlyCollection<long> ids, DateTime at, CancellationToken cancellationToken)
    {
        at = Utc(at);
        var live = await db.ModelVersions.AsNoTracking().Where(v => ids.Contains(v.Id) && v.CreatedAt <= at).ToListAsync(cancellationToken);
        var existing = live.Select(v => v.Id).ToList();
        var transitions = await db.StageTransitions.AsNoTracking()
            .Where(t => existing.Contains(t.ModelVersionId) && t.At <= at)
            .Select(t => new { t.ModelVersionId, t.At, t.Id, t.To })
            .ToListAsync(cancellationToken);
        var stages = transitions.GroupBy(t => t.ModelVersionId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.At).ThenBy(t => t.Id).Last().To);
        var aliases = (await AliasesAtAsync(live.Select(v => v.ModelId).Distinct().ToList(), at, cancellationToken))
            .ToLookup(a => a.ModelVersionId, a => a.Name);
        return live.ToDictionary(v => v.Id, v => ModelVersionAsOf.Of(
            v, at, stages.GetValueOrDefault(v.Id, ModelStage.Development), aliases[v.Id].Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The stage of a version at <paramref name="at"/>; null when the caller cannot read it or it did not exist yet.</summary>
    public async Task<ModelStage?> StageAtAsync(long modelVersionId, DateTime at, CancellationToken cancellationToken)
        => (await VersionsAtAsync([modelVersionId], at, cancellationToken)).GetValueOrDefault(modelVersionId)?.Stage;

    /// <summary>Every alias of the given models that pointed somewhere at <paramref name="at"/>, in name order.</summary>
    public async Task<IReadOnlyList<ModelAliasAsOf>> AliasesAtAsync(IReadOnlyCollection<long> modelIds, DateTime at, CancellationToken cancellationToken)
    {
        at = Utc(at);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.Type == EventTypes.AliasSet || e.Type == EventTypes.AliasRemoved)
                        && e.ModelId != null && modelIds.Contains(e.ModelId.Value) && e.OccurredAt <= at)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        // The latest move before the instant is where each alias pointed, unless a later removal took it away.
        var latest = new Dictionary<(long ModelId, string Alias), ModelAliasAsOf>();
        foreach (var e in events)
        {
            if (e.Type == EventTypes.AliasRemoved)
            {
                if (ChainedEventJson.Read<AliasRemoved>(e.PayloadJson) is { Alias: { } removed })
                    latest.Remove((e.ModelId!.Value, removed));
                continue;
            }
            if (HistoryPayloads.AliasTarget(e.PayloadJson) is not { } target)
                continue;
            latest[(e.ModelId!.Value, target.Alias)] = new ModelAliasAsOf
            {
                ModelId = e.ModelId.Value, Name = target.Alias, ModelVersionId = target.ModelVersionId,
                AssignedAt = e.OccurredAt, AssignedBy = e.Actor, AsOf = at,
            };
        }
        return latest.Values.OrderBy(a => a.ModelId).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Where one alias of a model pointed at <paramref name="at"/>; null when it had not been set by then.</summary>
    public async Task<ModelAliasAsOf?> AliasAtAsync(long modelId, string name, DateTime at, CancellationToken cancellationToken)
        => (await AliasesAtAsync([modelId], at, cancellationToken)).FirstOrDefault(a => a.Name == name);

    /// <summary>The deployments among <paramref name="ids"/> that existed at <paramref name="at"/>, as they stood then, by key.</summary>
    public async Task<IReadOnlyDictionary<long, DeploymentAsOf>> DeploymentsAtAsync(
        IReadOnlyCollection<long> ids, DateTime at, CancellationToken cancellationToken)
    {
        at = Utc(at);
        var live = await db.Deployments.AsNoTracking().Where(d => ids.Contains(d.Id) && d.DeployedAt <= at).ToListAsync(cancellationToken);
        var changes = await ChangesAsync(live.Select(d => d.Id).ToList(), at, cancellationToken);
        return live.ToDictionary(d => d.Id, d => DeploymentAsOf.Of(d, at, changes[d.Id].LastOrDefault()));
    }

    /// <summary>A deployment's recording and every later change of its status or traffic, oldest first.</summary>
    public async Task<ILookup<long, DeploymentChange>> DeploymentHistoryAsync(IReadOnlyCollection<long> deploymentIds, CancellationToken cancellationToken)
        => await ChangesAsync(deploymentIds, until: null, cancellationToken);

    private async Task<ILookup<long, DeploymentChange>> ChangesAsync(IReadOnlyCollection<long> ids, DateTime? until, CancellationToken cancellationToken)
    {
        var query = db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectType == nameof(Deployment) && ids.Contains(e.SubjectId)
                        && (e.Type == EventTypes.DeploymentRecorded || e.Type == EventTypes.DeploymentUpdated));
        if (until is { } end)
            query = query.Where(e => e.OccurredAt <= end);
        var events = await query.OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var changes = new List<(long DeploymentId, DeploymentChange Change)>(events.Count);
        var last = new Dictionary<long, DeploymentChange>();
        foreach (var e in events)
        {
            var previous = last.GetValueOrDefault(e.SubjectId);
            var traffic = HistoryPayloads.TrafficPercent(e.Type, e.PayloadJson);
            DeploymentChange change;
            if (e.Type == EventTypes.DeploymentRecorded)
            {
                change = new DeploymentChange(e.Sequence, Utc(e.OccurredAt), e.Actor, e.Reason, null, DeploymentStatus.Active, null, traffic);
            }
            else
            {
                var (from, to) = HistoryPayloads.StatusChange(e.PayloadJson);
                var before = previous?.To ?? DeploymentStatus.Active;
                change = new DeploymentChange(
                    e.Sequence, Utc(e.OccurredAt), e.Actor, e.Reason, from ?? before, to ?? before, previous?.TrafficPercent, traffic);
            }
            last[e.SubjectId] = change;
            changes.Add((e.SubjectId, change));
        }
        return changes.ToLookup(c => c.DeploymentId, c => c.Change);
    }

    // Rows come back from SQLite without a kind; clients may send local or unspecified times. Both mean UTC here.
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
