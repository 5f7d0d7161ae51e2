using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Audit.Deep;

/// <summary>
/// Compares the live rows with a <see cref="ChainedState"/>: every difference is a <see cref="StateMismatch"/>, every
/// value written by events that did not yet carry it is an <see cref="UnvouchedState"/>. Nothing is skipped silently.
/// </summary>
internal sealed class StateComparison(IRegistryDbContext db, ChainedState chained, long? modelId)
{
    /// <summary>Stands for "no such row" in a finding.</summary>
    private const string Row = "row";

    private readonly List<StateMismatch> _mismatches = [];
    private readonly List<UnvouchedState> _unvouched = [];
    private long _rows;

    public async Task<StateVerification> RunAsync(CancellationToken ct)
    {
        var versions = await db.ModelVersions.AsNoTracking().Where(v => modelId == null || v.ModelId == modelId)
            .Select(v => new { v.Id, v.ModelId, v.Number, v.Stage, v.HyperparametersJson, v.TrainingParametersJson }).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToHashSet();
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        foreach (var (id, version) in chained.Versions)
            numbers.TryAdd(id, version.Number);

        var metrics = (await db.Metrics.AsNoTracking().Where(m => modelId == null || versionIds.Contains(m.ModelVersionId)).ToListAsync(ct))
            .ToLookup(m => m.ModelVersionId);
        foreach (var v in versions)
        {
            _rows++;
            if (!chained.Versions.TryGetValue(v.Id, out var c))
            {
                Mismatch(nameof(ModelVersion), v.Id, Row, null, $"version {v.Number}");
                continue;
            }
            Compare(nameof(ModelVersion), v.Id, "stage", c.Stage, StageMachine.Name(v.Stage));
            CompareMetrics(v.Id, c, metrics[v.Id].ToList());
            CompareParameters(v.Id, "hyperparameters", c, c.Hyperparameters, v.HyperparametersJson);
            CompareParameters(v.Id, "trainingParameters", c, c.TrainingParameters, v.TrainingParametersJson);
        }
        foreach (var (id, c) in chained.Versions.Where(c => (modelId == null || c.Value.ModelId == modelId) && !versionIds.Contains(c.Key)))
            Mismatch(nameof(ModelVersion), id, Row, $"version {c.Number}", null);

        await CompareAliasesAsync(numbers, ct);
        var deploymentIds = await CompareDeploymentsAsync(versionIds, ct);
        await CompareEdgesAsync(versionIds, deploymentIds, ct);
        if (modelId is null)
        {
            await CompareGrantsAsync(ct);
            await ComparePoliciesAsync(ct);
        }
        return new StateVerification(chained.Replayed, _rows, _mismatches, _unvouched);
    }

    private void CompareMetrics(long versionId, ChainedVersion c, List<Metric> stored)
    {
        var chainedByKey = Keyed(c.Metrics, m => m.Name, m => m.Split);
        var storedByKey = Keyed(stored, m => m.Name, m => m.Split);
        foreach (var key in chainedByKey.Keys.Union(storedByKey.Keys).Order(StringComparer.Ordinal))
        {
            var field = $"metrics.{key}";
            chainedByKey.TryGetValue(key, out var cm);
            storedByKey.TryGetValue(key, out var sm);
            if (cm is null || sm is null)
            {
                Mismatch(nameof(ModelVersion), versionId, field + ".value", cm is null ? null : Number(cm.Value), sm is null ? null : Number(sm.Value));
                continue;
            }
            Compare(nameof(ModelVersion), versionId, field + ".value", Number(cm.Value), Number(sm.Value));
            if (c.CarriesState)
                Compare(nameof(ModelVersion), versionId, field + ".datasetVersionId", Key(cm.DatasetVersionId), Key(sm.DatasetVersionId));
            else if (sm.DatasetVersionId is not null)
                Unvouched(nameof(ModelVersion), versionId, field + ".datasetVersionId");
        }
    }

    private void CompareParameters(long versionId, string field, ChainedVersion c, string? chainedValue, string? stored)
    {
        if (c.CarriesState)
            Compare(nameof(ModelVersion), versionId, field, chainedValue, stored);
        else if (stored is not null)
            Unvouched(nameof(ModelVersion), versionId, field);
    }

    private async Task CompareAliasesAsync(Dictionary<long, int> numbers, CancellationToken ct)
    {
        var aliases = await db.ModelAliases.AsNoTracking().Where(a => modelId == null || a.ModelId == modelId).ToListAsync(ct);
        string Target(long versionId) => numbers.TryGetValue(versionId, out var n) ? $"version {n}" : $"ModelVersion {versionId}";
        foreach (var alias in aliases)
        {
            _rows++;
            Compare(nameof(Model), alias.ModelId, $"aliases.{alias.Name}",
                chained.Aliases.TryGetValue((alias.ModelId, alias.Name), out var target) ? Target(target) : null, Target(alias.ModelVersionId));
        }
        var stored = aliases.Select(a => (a.ModelId, a.Name)).ToHashSet();
        foreach (var ((model, name), target) in chained.Aliases.Where(a => (modelId == null || a.Key.ModelId == modelId) && !stored.Contains(a.Key)))
            Mismatch(nameof(Model), model, $"aliases.{name}", Target(target), null);
    }

    private async Task<HashSet<long>> CompareDeploymentsAsync(HashSet<long> versionIds, CancellationToken ct)
    {
        var deployments = await db.Deployments.AsNoTracking().Where(d => modelId == null || versionIds.Contains(d.ModelVersionId)).ToListAsync(ct);
        foreach (var d in deployments)
        {
            _rows++;
            if (!chained.Deployments.TryGetValue(d.Id, out var c))
            {
                Mismatch(nameof(Deployment), d.Id, Row, null, d.Environment);
                continue;
            }
            Compare(nameof(Deployment), d.Id, "status", c.Status, DeploymentStatuses.Name(d.Status));
            Compare(nameof(Deployment), d.Id, "trafficPercent", Key(c.TrafficPercent), Key(d.TrafficPercent));
            Compare(nameof(Deployment), d.Id, "environment", c.Environment, d.Environment);
            Compare(nameof(Deployment), d.Id, "complianceIssue", c.ComplianceIssue, d.ComplianceIssue);
            if (c.ModelVersionId is { } chainedVersion)
                Compare(nameof(Deployment), d.Id, "modelVersionId", Key(chainedVersion), Key(d.ModelVersionId));
            else
                Unvouched(nameof(Deployment), d.Id, "modelVersionId");
        }
        var ids = deployments.Select(d => d.Id).ToHashSet();
        if (modelId is null)
            foreach (var (id, c) in chained.Deployments.Where(d => !ids.Contains(d.Key)))
                Mismatch(nameof(Deployment), id, Row, c.Environment, null);
        return ids;
    }

    private async Task CompareEdgesAsync(HashSet<long> versionIds, HashSet<long> deploymentIds, CancellationToken ct)
    {
        var edges = await db.LineageEdges.AsNoTracking().ToListAsync(ct);
        var ends = versionIds.Select(id => LineageRules.End(LineageNodeKind.ModelVersion, id))
            .Concat(deploymentIds.Select(id => LineageRules.End(LineageNodeKind.Deployment, id))).ToHashSet();
        bool InScope(string source, string target) => modelId is null || ends.Contains(source) || ends.Contains(target);
        var seen = new HashSet<long>();
        foreach (var edge in edges)
        {
            var source = LineageRules.End(edge.SourceKind, edge.SourceId);
            var target = LineageRules.End(edge.TargetKind, edge.TargetId);
            if (!InScope(source, target))
                continue;
            _rows++;
            seen.Add(edge.Id);
            var relation = LineageRules.Name(edge.Relation);
            if (!chained.Edges.TryGetValue(edge.Id, out var c))
            {
                if (chained.UnkeyedEdges.Contains((relation, source, target)) || UnkeyedDeploymentEdge(edge))
                    Unvouched(nameof(LineageEdge), edge.Id, Row);
                else
                    Mismatch(nameof(LineageEdge), edge.Id, Row, null, $"{relation} {source} -> {target}");
                continue;
            }
            Compare(nameof(LineageEdge), edge.Id, "relation", c.Relation, relation);
            // An edge closed by an event chained before closures named the ends: the chain vouches for its closure only.
            if (c.Source.Length > 0)
            {
                Compare(nameof(LineageEdge), edge.Id, "source", c.Source, source);
                Compare(nameof(LineageEdge), edge.Id, "target", c.Target, target);
            }
            else
            {
                Unvouched(nameof(LineageEdge), edge.Id, "source");
            }
            Compare(nameof(LineageEdge), edge.Id, "validTo", c.Open ? "open" : "closed", edge.ValidTo is null ? "open" : "closed");
        }
        foreach (var (id, c) in chained.Edges.Where(e => !seen.Contains(e.Key) && InScope(e.Value.Source, e.Value.Target)))
            if (modelId is null || c.Source.Length > 0)
                Mismatch(nameof(LineageEdge), id, Row, $"{c.Relation} {c.Source} -> {c.Target}", null);
    }

    private bool UnkeyedDeploymentEdge(LineageEdge edge)
        => (edge.Relation == LineageRelation.DeployedAs && edge.TargetKind == LineageNodeKind.Deployment && chained.DeploymentsWithUnkeyedEdges.Contains(edge.TargetId))
           || (edge.Relation == LineageRelation.ConsumedBy && edge.SourceKind == LineageNodeKind.Deployment && chained.DeploymentsWithUnkeyedEdges.Contains(edge.SourceId));

    private async Task CompareGrantsAsync(CancellationToken ct)
    {
        var grants = await db.RoleAssignments.AsNoTracking().ToListAsync(ct);
        foreach (var g in grants)
        {
            _rows++;
            if (!chained.Grants.TryGetValue(g.Id, out var c))
            {
                Mismatch(nameof(RoleAssignment), g.Id, Row, null, $"{RoleLadder.Name(g.Role)} {g.Principal} {g.Scope}");
                continue;
            }
            Compare(nameof(RoleAssignment), g.Id, "principal", c.Principal, g.Principal);
            Compare(nameof(RoleAssignment), g.Id, "role", c.Role, RoleLadder.Name(g.Role));
            Compare(nameof(RoleAssignment), g.Id, "scope", c.Scope, g.Scope);
            Compare(nameof(RoleAssignment), g.Id, "revoked", c.Revoked ? "revoked" : "in force", g.RevokedAt is null ? "in force" : "revoked");
        }
        var ids = grants.Select(g => g.Id).ToHashSet();
        foreach (var (id, c) in chained.Grants.Where(g => !ids.Contains(g.Key)))
            Mismatch(nameof(RoleAssignment), id, Row, $"{c.Role} {c.Principal} {c.Scope}", null);
    }

    private async Task ComparePoliciesAsync(CancellationToken ct)
    {
        const string promotion = nameof(PromotionPolicyRule), deployment = nameof(DeploymentPolicyRule);
        var promotionRules = await db.PromotionPolicyRules.AsNoTracking().ToListAsync(ct);
        foreach (var r in promotionRules)
        {
            _rows++;
            if (!chained.PromotionPolicies.TryGetValue(r.Id, out var c))
            {
                Mismatch(promotion, r.Id, Row, null, $"{r.Scope} {StageMachine.Name(r.TargetStage)}");
                continue;
            }
            Compare(promotion, r.Id, "scope", c.Scope, r.Scope);
            Compare(promotion, r.Id, "targetStage", c.TargetStage, StageMachine.Name(r.TargetStage));
            Compare(promotion, r.Id, "requiredApprovals", Key(c.RequiredApprovals), Key(r.RequiredApprovals));
            Compare(promotion, r.Id, "requireTrainingData", c.RequireTrainingData ? "true" : "false", r.RequireTrainingData ? "true" : "false");
            Compare(promotion, r.Id, "metricName", c.MetricName, r.MetricName);
            Compare(promotion, r.Id, "metricMinimum", c.MetricMinimum is { } cm ? Number(cm) : null, r.MetricMinimum is { } sm ? Number(sm) : null);
        }
        foreach (var (id, c) in chained.PromotionPolicies.Where(p => promotionRules.All(r => r.Id != p.Key)))
            Mismatch(promotion, id, Row, $"{c.Scope} {c.TargetStage}", null);

        var deploymentRules = await db.DeploymentPolicyRules.AsNoTracking().ToListAsync(ct);
        foreach (var r in deploymentRules)
        {
            _rows++;
            if (!chained.DeploymentPolicies.TryGetValue(r.Id, out var c))
            {
                Mismatch(deployment, r.Id, Row, null, $"{r.Scope} {r.Environment}");
                continue;
            }
            Compare(deployment, r.Id, "scope", c.Scope, r.Scope);
            Compare(deployment, r.Id, "environment", c.Environment, r.Environment);
            Compare(deployment, r.Id, "allowedStages", string.Join(",", c.AllowedStages ?? []), string.Join(",", r.AllowedStages.Select(StageMachine.Name)));
        }
        foreach (var (id, c) in chained.DeploymentPolicies.Where(p => deploymentRules.All(r => r.Id != p.Key)))
            Mismatch(deployment, id, Row, $"{c.Scope} {c.Environment}", null);
    }

    // Metrics are matched by name and split; a repeated pair is numbered in the order each side lists it.
    private static Dictionary<string, T> Keyed<T>(IEnumerable<T> items, Func<T, string> name, Func<T, string?> split)
    {
        var keyed = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = split(item) is { } s ? $"{name(item)}[{s}]" : name(item);
            var unique = key;
            for (var n = 2; keyed.ContainsKey(unique); n++)
                unique = $"{key}#{n}";
            keyed[unique] = item;
        }
        return keyed;
    }

    private void Compare(string type, long id, string field, string? chainedValue, string? stored)
    {
        if (!string.Equals(chainedValue, stored, StringComparison.Ordinal))
            Mismatch(type, id, field, chainedValue, stored);
    }

    private void Mismatch(string type, long id, string field, string? chainedValue, string? stored)
        => _mismatches.Add(new StateMismatch(type, id, field, chainedValue, stored));

    private void Unvouched(string type, long id, string field)
        => _unvouched.Add(new UnvouchedState(type, id, field, "written by events chained before events carried this state"));

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string? Key(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
