using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Audit.Events;
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
    IRegistryDbContext db, AccessControl access, ReadVisibilityHolder visibility, AuditVerifier verifier, StateVerifier stateVerifier, TimeProvider clock)
{
    /// <summary>Builds the report of the model with key <paramref name="modelId"/>.</summary>
    public async Task<Result<ComplianceReportDocument>> BuildAsync(long modelId, CancellationToken cancellationToken)
        => await BuildAsync(await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken), cancellationToken);

    /// <summary>Builds the report of the model named <paramref name="name"/>.</summary>
    public async Task<Result<ComplianceReportDocument>> BuildAsync(string name, CancellationToken cancellationToken)
        => await BuildAsync(await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name && m.DeletedAt == null, cancellationToken), cancellationToken);

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

        var lineage = await ReportLineage.GatherAsync(db, access, model, versionIds, ct);
        var artifacts = await db.Artifacts.AsNoTracking().Where(a => versionIds.Contains(a.ModelVersionId)).ToListAsync(ct);

        var versionSections = versions.Select(v => new VersionSection(
            v.Number, StageMachine.Name(v.Stage), v.Description, v.Framework, v.CreatedBy, v.CreatedAt, v.Tags,
            [.. metrics.Where(m => m.ModelVersionId == v.Id)
                .Select(m => new MetricEntry(m.Name, m.Value, m.Split, m.Dataset is null ? null : $"{m.Dataset}@{m.Version}"))
                .OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Split, StringComparer.Ordinal).ThenBy(m => m.Dataset, StringComparer.Ordinal)],
            v.HyperparametersJson, v.TrainingParametersJson,
            [.. training.Where(t => t.TargetId == v.Id).Select(t => t.Entry)
                .OrderBy(t => t.Dataset, StringComparer.Ordinal).ThenBy(t => t.Version, StringComparer.Ordinal)],
            v.SourceCode is { } code ? new CodeEntry(code.Repository, code.Commit, code.Path) : null,
            lineage.GetValueOrDefault(v.Id, []),
            [.. artifacts.Where(a => a.ModelVersionId == v.Id).OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new ArtifactEntry(a.Name, a.SizeBytes, a.Sha256, a.ContentType, a.UploadedBy, a.UploadedAt))])).ToList();

        var aliases = (await db.ModelAliases.AsNoTracking().Where(a => a.ModelId == model.Id).ToListAsync(ct))
            .Select(a => new AliasEntry(a.Name, numbers.GetValueOrDefault(a.ModelVersionId), a.AssignedBy, a.AssignedAt))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        var card = new ModelCardSection(model.Name, model.DisplayName, model.Task.ToString().ToUpperInvariant(), model.Owner, model.Description,
            model.BusinessContext, model.Tags, model.CreatedBy, model.CreatedAt, aliases);

        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ModelId == model.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var chain = await verifier.VerifyAsync(null, null, ct);
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var deployments = await db.Deployments.AsNoTracking().Where(d => versionIds.Contains(d.ModelVersionId)).ToDictionaryAsync(d => d.Id, ct);
        var policies = await PolicyHistory.LoadAsync(db, ct);
        var requestVersions = await db.PromotionRequests.AsNoTracking().Where(r => versionIds.Contains(r.ModelVersionId))
            .ToDictionaryAsync(r => r.Id, r => r.ModelVersionId, ct);

        return new ComplianceReportDocument(
            model.Id, generatedAt, access.Principal.Name, card, versionSections,
            [.. events.Where(e => e.Type == EventTypes.StageChanged).Select(StageChangeOf)],
            [.. events.Where(e => e.Type is EventTypes.AliasSet or EventTypes.AliasRemoved).Select(e => AliasChangeOf(e, numbers))],
            await PromotionsAsync(model, numbers, events, policies, ct),
            await DeploymentsAsync(model, numbers, deployments.Values, ct),
            await DriftReport.GatherAsync(db, model.Id, deployments, numbers, ct),
            [.. events.Where(e => e.Type == EventTypes.AttemptRefused).Select(e => RefusalOf(e, SubjectName(e, numbers, requestVersions)))],
            [.. events.Select(e => new AuditEntry(e.Sequence, e.OccurredAt, e.Type, e.Actor, e.Reason, e.Hash))],
            new AuditChainSection(chain.Valid, chain.Checked, chain.FirstBrokenSequence, head?.Sequence ?? 0, head?.Hash, ChainMethod),
            await StateComparisonAsync(model, numbers, deployments, ct));
    }

    /// <summary>How the chain was checked, stated in the report so that a reader knows what "verified" covers.</summary>
    public const string ChainMethod =
        "Every event of the whole log, from sequence 1 to the head, was re-hashed: SHA-256 over the previous event's hash and the "
        + "event's canonical fields, and compared with the stored hash and with the next event's previous hash. This proves the log "
        + "was not rewritten after it was chained. The figures above are read from the live tables; the comparison below says whether "
        + "they still say what the log records.";

    /// <summary>How the live state was checked against the chain, stated beside the chain's method.</summary>
    public const string StateMethod =
        "The chain's state-changing events were replayed in sequence (versions with their metrics and parameters, stage changes, "
        + "aliases, deployments and their status and traffic, lineage edges) and the result compared with this model's live rows. "
        + "Every difference is listed; values written by events chained before events carried them are listed as unvouched, "
        + "neither verified nor contradicted.";

    private async Task<StateComparisonSection> StateComparisonAsync(
        Model model, Dictionary<long, int> numbers, Dictionary<long, Deployments.Deployment> deployments, CancellationToken ct)
    {
        var state = await stateVerifier.VerifyAsync(model.Id, ct);
        string Subject(string type, long id) => type switch
        {
            nameof(ModelVersion) => numbers.TryGetValue(id, out var n) ? $"version {n}" : $"version (key {id})",
            nameof(Model) => $"model {model.Name}",
            nameof(Deployments.Deployment) => deployments.TryGetValue(id, out var d) ? $"deployment {d.Environment} (key {id})" : $"deployment (key {id})",
            nameof(LineageEdge) => $"lineage edge {id}",
            _ => $"{type} {id}",
        };
        return new StateComparisonSection(state.Matches, state.EventsReplayed, state.RowsCompared,
            [.. state.Mismatches.Select(m => new StateMismatchEntry(Subject(m.SubjectType, m.SubjectId), m.Field, m.ChainedValue, m.StoredValue))],
            [.. state.Unvouched.Select(u => new UnvouchedEntry(Subject(u.SubjectType, u.SubjectId), u.Field, u.Why))],
            StateMethod);
    }

    private async Task<IReadOnlyList<PromotionEntry>> PromotionsAsync(
        Model model, Dictionary<long, int> numbers, List<AuditEvent> events, PolicyHistory policies, CancellationToken ct)
    {
        var versionIds = numbers.Keys.ToList();
        var requests = await db.PromotionRequests.AsNoTracking().Include(r => r.Approvals)
            .Where(r => versionIds.Contains(r.ModelVersionId)).ToListAsync(ct);
        var kinds = await ApproverKinds.ReadAsync(db, events, ct);
        return [.. requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(r =>
        {
            var stage = StageMachine.Name(r.TargetStage);
            return new PromotionEntry(
                numbers[r.ModelVersionId], stage, r.Status.ToString().ToUpperInvariant(), r.RequestedBy, r.RequestedAt, r.Reason,
                policies.InForce(model, stage, r.RequestedAt),
                [.. r.Approvals.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a =>
                {
                    var kind = kinds.Of(r.Id, a.By);
                    return new ApprovalEntry(a.By, a.At, a.Approved ? "APPROVED" : "REJECTED", a.Comment, kind, kind == ActorKind.Person,
                        policies.InForce(model, stage, a.At));
                })]);
        })];
    }

    private async Task<IReadOnlyList<DeploymentEntry>> DeploymentsAsync(
        Model model, Dictionary<long, int> numbers, IEnumerable<Deployments.Deployment> deployments, CancellationToken ct)
    {
        var policies = await DeploymentPolicyHistory.LoadAsync(db, ct);
        var deploymentIds = deployments.Select(d => d.Id).ToList();
        var consumers = await (from e in db.LineageEdges.AsNoTracking()
                               where e.Relation == LineageRelation.ConsumedBy && e.SourceKind == LineageNodeKind.Deployment
                                     && e.TargetKind == LineageNodeKind.ConsumerApplication && deploymentIds.Contains(e.SourceId)
                               join a in db.ConsumerApplications.AsNoTracking() on e.TargetId equals a.Id
                               select new { e.SourceId, Entry = new ConsumerEntry(a.Name, a.Owner, e.ValidFrom, e.ValidTo) })
            .ToListAsync(ct);
        return [.. deployments.OrderBy(d => d.DeployedAt).ThenBy(d => d.Id).Select(d => new DeploymentEntry(
            numbers[d.ModelVersionId], d.Environment, d.Endpoint, d.Platform, d.Status.ToString().ToUpperInvariant(), d.TrafficPercent,
            d.DeployedBy, d.DeployedAt, d.RetiredAt, policies.InForce(model, d.Environment, d.DeployedAt), d.ComplianceIssue is null, d.ComplianceIssue, d.NonCompliantSince,
            [.. consumers.Where(c => c.SourceId == d.Id).Select(c => c.Entry)
                .OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Since)]))];
    }

    private static RefusalEntry RefusalOf(AuditEvent e, string subject)
        => ChainedEventJson.Read<AttemptRefused>(e) is { } refused
            ? new RefusalEntry(e.Sequence, e.OccurredAt, e.Actor, subject, refused.Code, refused.Message)
            : new RefusalEntry(e.Sequence, e.OccurredAt, e.Actor, subject, null, null);

    // Database keys mean nothing to a reader of the report; name the version the refused write was about.
    private static string SubjectName(AuditEvent e, Dictionary<long, int> numbers, Dictionary<long, long> requestVersions)
    {
        var versionId = e.SubjectType switch
        {
            nameof(ModelVersion) => e.SubjectId,
            nameof(Promotions.PromotionRequest) => requestVersions.GetValueOrDefault(e.SubjectId),
            _ => (long?)null,
        };
        var what = e.SubjectType switch
        {
            nameof(Promotions.PromotionRequest) => "promotion request of ",
            nameof(Deployments.Deployment) => "deployment",
            _ => "",
        };
        return versionId is { } id && numbers.TryGetValue(id, out var number) ? $"{what}version {number}" : what.Trim() is { Length: > 0 } w ? w : e.SubjectType;
    }

    private static StageChangeEntry StageChangeOf(AuditEvent e)
    {
        var change = ChainedEventJson.Read<StageChanged>(e);
        return new StageChangeEntry(e.Sequence, e.OccurredAt, change?.Version, change?.From, change?.To, e.Actor, e.Reason);
    }

    private static AliasChangeEntry AliasChangeOf(AuditEvent e, Dictionary<long, int> numbers)
    {
        if (e.Type == EventTypes.AliasRemoved)
        {
            var removed = ChainedEventJson.Read<AliasRemoved>(e);
            return new AliasChangeEntry(e.Sequence, e.OccurredAt, removed?.Alias, null, removed?.Version, e.Actor, e.Reason) { Removed = true };
        }
        var set = ChainedEventJson.Read<AliasSet>(e);
        int? previous = set?.PreviousModelVersionId is { } id && numbers.TryGetValue(id, out var number) ? number : null;
        return new AliasChangeEntry(e.Sequence, e.OccurredAt, set?.Alias, set?.Version, previous, e.Actor, e.Reason);
    }
}
