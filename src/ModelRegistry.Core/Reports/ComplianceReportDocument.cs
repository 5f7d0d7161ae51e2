namespace ModelRegistry.Core.Reports;

/// <summary>
/// Everything a regulator asks about one model, gathered at one moment and ordered deterministically.
/// Renderers turn it into Markdown or JSON; nothing here depends on the output format.
/// </summary>
public sealed record ComplianceReportDocument(
    long ModelId,
    DateTime GeneratedAt,
    string GeneratedBy,
    ModelCardSection Model,
    IReadOnlyList<VersionSection> Versions,
    IReadOnlyList<StageChangeEntry> StageHistory,
    IReadOnlyList<AliasChangeEntry> AliasHistory,
    IReadOnlyList<PromotionEntry> Promotions,
    IReadOnlyList<DeploymentEntry> Deployments,
    DriftSection Drift,
    IReadOnlyList<AuditEntry> AuditEvents,
    AuditChainSection AuditChain);

/// <summary>The model card.</summary>
public sealed record ModelCardSection(
    string Name, string? DisplayName, string Task, string Owner, string? Description, string? BusinessContext,
    IReadOnlyList<string> Tags, string CreatedBy, DateTime CreatedAt, IReadOnlyList<AliasEntry> Aliases);

/// <summary>An alias as it stands now.</summary>
public sealed record AliasEntry(string Name, int Version, string AssignedBy, DateTime AssignedAt);

/// <summary>One version: stage, evaluation, training inputs and provenance.</summary>
public sealed record VersionSection(
    int Number, string Stage, string? Description, string? Framework, string CreatedBy, DateTime CreatedAt,
    IReadOnlyList<string> Tags, IReadOnlyList<MetricEntry> Metrics, string? HyperparametersJson, string? TrainingParametersJson,
    IReadOnlyList<DatasetEntry> TrainingData, CodeEntry? SourceCode);

/// <summary>One evaluation figure and the data it was measured on.</summary>
public sealed record MetricEntry(string Name, double Value, string? Split, string? Dataset);

/// <summary>A dataset version a version was trained on (a live TRAINED_ON edge).</summary>
public sealed record DatasetEntry(string Dataset, string Version, string? Uri, string? Sha256, long? RowCount);

/// <summary>The code a version was trained from.</summary>
public sealed record CodeEntry(string Repository, string Commit, string? Path);

/// <summary>A STAGE_CHANGED event of the log.</summary>
public sealed record StageChangeEntry(long Sequence, DateTime At, int? Version, string? From, string? To, string Actor, string? Reason);

/// <summary>An ALIAS_SET event of the log.</summary>
public sealed record AliasChangeEntry(long Sequence, DateTime At, string? Alias, int? Version, int? PreviousVersion, string Actor, string? Reason);

/// <summary>A promotion request and its decisions.</summary>
public sealed record PromotionEntry(
    int Version, string TargetStage, string Status, string RequestedBy, DateTime RequestedAt, string Reason, IReadOnlyList<ApprovalEntry> Decisions);

/// <summary>One approver's decision.</summary>
public sealed record ApprovalEntry(string By, DateTime At, string Decision, string? Comment);

/// <summary>
/// Where a version serves and who reads its predictions; <c>Compliant</c> is false once the version no longer meets the
/// environment's deployment policy (the issue names the rule).
/// </summary>
public sealed record DeploymentEntry(
    int Version, string Environment, string? Endpoint, string? Platform, string Status, int? TrafficPercent,
    string DeployedBy, DateTime DeployedAt, DateTime? RetiredAt, bool Compliant, string? ComplianceIssue, DateTime? NonCompliantSince,
    IReadOnlyList<ConsumerEntry> Consumers);

/// <summary>A consuming application linked by a CONSUMED_BY edge.</summary>
public sealed record ConsumerEntry(string Name, string? Owner, DateTime Since, DateTime? Until);

/// <summary>Drift monitoring status; reported as it is, never estimated.</summary>
public sealed record DriftSection(string Status, string Note);

/// <summary>One event of the model in the audit log.</summary>
public sealed record AuditEntry(long Sequence, DateTime At, string Type, string Actor, string? Reason);

/// <summary>The result of walking the whole hash chain when the report was generated.</summary>
public sealed record AuditChainSection(bool Verified, long Checked, long? FirstBrokenSequence);
