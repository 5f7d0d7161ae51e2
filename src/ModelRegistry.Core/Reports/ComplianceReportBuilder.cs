using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// Gathers a model's compliance report. The caller needs VIEWER on the model; a model it may not see is reported
/// as not found, exactly like one that does not exist, so the report never confirms that a hidden model exists.
/// </summary>
public sealed class ComplianceReportBuilder(
    IRegistryDbContext db, AccessControl access, ReadVisibilityHolder visibility, AuditVerifier verifier, TimeProvider clock)
{
    /// <summary>What the report says while drift monitoring does not exist.</summary>
    public const string DriftNotMonitored = "NOT_MONITORED";

    /// <summary>Builds the report of the model with key <paramref name="modelId"/>.</summary>
    public async Task<Result<ComplianceReportDocument>> BuildAsync(long modelId, CancellationToken cancellationToken)
        => await BuildAsync(await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken), cancellationToken);

    /// <summary>Builds the report of the model named <paramref name="name"/>.</summary>
    public async Task<Result<ComplianceReportDocument>> BuildAsync(string name, CancellationToken cancellationToken)
        => await BuildAsync(await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, cancellationToken), cancellationToken);

    private async Task<Result<ComplianceReportDocument>> BuildAsync(Model? model, CancellationToken cancellationToken)
    {
        // The lookup above ran under the caller's read visibility; the role check covers callers whose visibility was widened.
        if (model is null || !await access.HasAsync(Role.Viewer, AccessScope.Of(model), cancellationToken))
            return DomainError.NotFound("The model", "modelId");
        // Past the check, every row of this model is the caller's to read, and the chain is verified over the whole log.
        using (visibility.Unrestricted())
            return await GatherAsync(model, cancellationToken);
    }

    private async Task<ComplianceReportDocument> GatherAsync(Model model, CancellationToken ct)
    {
        var generatedAt = clock.GetUtcNow().UtcDateTime;
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderBy(v => v.Number).ToListAsync(ct);
        var numbers = versions.ToDictionary(v => v.Id, v => v.Number);
        var versionIds = numbers.Keys.ToList();

        var metrics = await (from m in db.Metrics.AsNoTracking()
                             where versionIds.Contains(m.ModelVersionId)
                             join dv in db.DatasetVersions.AsNoTracking() on m.DatasetVersionId equals dv.Id into evaluated
                             from dv in evaluated.DefaultIfEmpty()
                             join d in db.Datasets.AsNoTracking() on dv!.DatasetId equals d.Id into sets
                             from d in sets.DefaultIfEmpty()
                             select new { m.ModelVersionId, m.Name, m.Value, m.Split, Dataset = d == null ? null : d.Name, Version = dv == null ? null : dv.Version })
            .ToListAsync(ct);
        var training = await (from e in db.LineageEdges.AsNoTracking()
                              where e.Relation == LineageRelation.TrainedOn && e.ValidTo == null
                                    && e.SourceKind == LineageNodeKind.DatasetVersion && e.TargetKind == LineageNodeKind.ModelVersion
                                    && versionIds.Contains(e.TargetId)
                              join dv in db.DatasetVersions.AsNoTracking() on e.SourceId equals dv.Id
                              join d in db.Datasets.AsNoTracking() on dv.DatasetId equals d.Id
                              select new { e.TargetId, Entry = new DatasetEntry(d.Name, dv.Version, dv.Uri, dv.Sha256, dv.RowCount) })
            .ToListAsync(ct);

        var versionSections = versions.Select(v => new VersionSection(
            v.Number, StageMachine.Name(v.Stage), v.Description, v.Framework, v.CreatedBy, v.CreatedAt, v.Tags,
            [.. metrics.Where(m => m.ModelVersionId == v.Id)
                .Select(m => new MetricEntry(m.Name, m.Value, m.Split, m.Dataset is null ? null : $"{m.Dataset}@{m.Version}"))
                .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Split, StringComparer.Ordinal).ThenBy(m => m.Dataset, StringComparer.Ordinal)],
            v.HyperparametersJson, v.TrainingParametersJson,
            [.. training.Where(t => t.TargetId == v.Id).Select(t => t.Entry)
                .OrderBy(t => t.Dataset, StringComparer.Ordinal).ThenBy(t => t.Version, StringComparer.Ordinal)],
            v.SourceCode is { } code ? new CodeEntry(code.Repository, code.Commit, code.Path) : null)).ToList();

        var aliases = (await db.ModelAliases.AsNoTracking().Where(a => a.ModelId == model.Id).ToListAsync(ct))
            .Select(a => new AliasEntry(a.Name, numbers.GetValueOrDefault(a.ModelVersionId), a.AssignedBy, a.AssignedAt))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var card = new ModelCardSection(model.Name, model.DisplayName, model.Task.ToString().ToUpperInvariant(), model.Owner, model.Description,
            model.BusinessContext, model.Tags, model.CreatedBy, model.CreatedAt, aliases);

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ModelId == model.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var chain = await verifier.VerifyAsync(null, null, ct);

        return new ComplianceReportDocument(
            model.Id, generatedAt, access.Principal.Name, card, versionSections,
            [.. events.Where(e => e.Type == EventTypes.StageChanged).Select(StageChangeOf)],
            [.. events.Where(e => e.Type == EventTypes.AliasSet).Select(e => AliasChangeOf(e, numbers))],
            await PromotionsAsync(numbers, ct),
            await DeploymentsAsync(numbers, ct),
            new DriftSection(DriftNotMonitored, "Drift monitoring is not configured for this registry; no drift figures exist for this model."),
            [.. events.Select(e => new AuditEntry(e.Sequence, e.OccurredAt, e.Type, e.Actor, e.Reason))],
            new AuditChainSection(chain.Valid, chain.Checked, chain.FirstBrokenSequence));
    }

    private async Task<IReadOnlyList<PromotionEntry>> PromotionsAsync(Dictionary<long, int> numbers, CancellationToken ct)
    {
        var versionIds = numbers.Keys.ToList();
        var requests = await db.PromotionRequests.AsNoTracking().Include(r => r.Approvals)
            .Where(r => versionIds.Contains(r.ModelVersionId)).ToListAsync(ct);
        return [.. requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(r => new PromotionEntry(
            numbers[r.ModelVersionId], StageMachine.Name(r.TargetStage), r.Status.ToString().ToUpperInvariant(), r.RequestedBy, r.RequestedAt, r.Reason,
            [.. r.Approvals.OrderBy(a => a.At).ThenBy(a => a.Id)
                .Select(a => new ApprovalEntry(a.By, a.At, a.Approved ? "APPROVED" : "REJECTED", a.Comment))]))];
    }

    private async Task<IReadOnlyList<DeploymentEntry>> DeploymentsAsync(Dictionary<long, int> numbers, CancellationToken ct)
    {
        var versionIds = numbers.Keys.ToList();
        var deployments = await db.Deployments.AsNoTracking().Where(d => versionIds.Contains(d.ModelVersionId)).ToListAsync(ct);
        var deploymentIds = deployments.Select(d => d.Id).ToList();
        var consumers = await (from e in db.LineageEdges.AsNoTracking()
                               where e.Relation == LineageRelation.ConsumedBy && e.SourceKind == LineageNodeKind.Deployment
                                     && e.TargetKind == LineageNodeKind.ConsumerApplication && deploymentIds.Contains(e.SourceId)
                               join a in db.ConsumerApplications.AsNoTracking() on e.TargetId equals a.Id
                               select new { e.SourceId, Entry = new ConsumerEntry(a.Name, a.Owner, e.ValidFrom, e.ValidTo) })
            .ToListAsync(ct);
        return [.. deployments.OrderBy(d => d.DeployedAt).ThenBy(d => d.Id).Select(d => new DeploymentEntry(
            numbers[d.ModelVersionId], d.Environment, d.Endpoint, d.Platform, d.Status.ToString().ToUpperInvariant(), d.TrafficPercent,
            d.DeployedBy, d.DeployedAt, d.RetiredAt, d.ComplianceIssue is null, d.ComplianceIssue, d.NonCompliantSince,
            [.. consumers.Where(c => c.SourceId == d.Id).Select(c => c.Entry)
                .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Since)]))];
    }

    private static StageChangeEntry StageChangeOf(AuditEvent e)
    {
        using var payload = JsonDocument.Parse(e.PayloadJson);
        var root = payload.RootElement;
        return new StageChangeEntry(e.Sequence, e.OccurredAt, IntOf(root, "version"), StringOf(root, "from"), StringOf(root, "to"), e.Actor, e.Reason);
    }

    private static AliasChangeEntry AliasChangeOf(AuditEvent e, Dictionary<long, int> numbers)
    {
        using var payload = JsonDocument.Parse(e.PayloadJson);
        var root = payload.RootElement;
        int? previous = LongOf(root, "previousModelVersionId") is { } id && numbers.TryGetValue(id, out var number) ? number : null;
        return new AliasChangeEntry(e.Sequence, e.OccurredAt, StringOf(root, "alias"), IntOf(root, "version"), previous, e.Actor, e.Reason);
    }

    private static string? StringOf(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? LongOf(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static int? IntOf(JsonElement root, string name) => LongOf(root, name) is { } n and >= int.MinValue and <= int.MaxValue ? (int)n : null;
}
