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
    IReadOnlyList<RefusalEntry> RefusedAttempts,
    IReadOnlyList<AuditEntry> AuditEvents,
    AuditChainSection AuditChain,
    StateComparisonSection StateComparison);

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
    IReadOnlyList<DatasetEntry> TrainingData, CodeEntry? SourceCode, IReadOnlyList<LineageEntry> Lineage, IReadOnlyList<ArtifactEntry> Artifacts);

/// <summary>
/// A lineage edge into or out of a version (every relation, closed ones included): what it joins, and while when.
/// <paramref name="Direction"/> is UPSTREAM for what fed the version and DOWNSTREAM for what it fed.
/// </summary>
public sealed record LineageEntry(string Relation, string Direction, string Node, string? Sha256, DateTime Since, DateTime? Until);

/// <summary>A stored file of a version, with the digest the server computed while storing it.</summary>
public sealed record ArtifactEntry(string Name, long SizeBytes, string Sha256, string? ContentType, string UploadedBy, DateTime UploadedAt);

/// <summary>One evaluation figure and the data it was measured on.</summary>
public sealed record MetricEntry(string Name, double Value, string? Split, string? Dataset);

/// <summary>A dataset version a version was trained on (a live TRAINED_ON edge).</summary>
public sealed record DatasetEntry(string Dataset, string Version, string? Uri, string? Sha256, long? RowCount);

/// <summary>The code a version was trained from.</summary>
public sealed record CodeEntry(string Repository, string Commit, string? Path);

/// <summary>A STAGE_CHANGED event of the log.</summary>
public sealed record StageChangeEntry(long Sequence, DateTime At, int? Version, string? From, string? To, string Actor, string? Reason);

/// <summary>An ALIAS_SET event of the log, or an ALIAS_REMOVED one (<see cref="Removed"/>: no version, the previous one is where it pointed).</summary>
public sealed record AliasChangeEntry(long Sequence, DateTime At, string? Alias, int? Version, int? PreviousVersion, string Actor, string? Reason)
{
    /// <summary>True when the alias was removed.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Removed { get; init; }
}

/// <summary>A promotion request and its decisions.</summary>
public sealed record PromotionEntry(
    int Version, string TargetStage, string Status, string RequestedBy, DateTime RequestedAt, string Reason, PolicyEntry PolicyAtRequest,
    IReadOnlyList<ApprovalEntry> Decisions);

/// <summary>
/// One approver's decision, the kind of actor who made it and the policy in force at that moment. <paramref name="ByPerson"/>
/// is false for a service's API key or a shared secret such as the bootstrap admin key: a regulator should see that no
/// person stood behind it.
/// </summary>
public sealed record ApprovalEntry(string By, DateTime At, string Decision, string? Comment, string ActorKind, bool ByPerson, PolicyEntry PolicyInForce);

/// <summary>
/// A rule in force at some moment, as the audit chain records it: where it was set (<c>global</c>, <c>team:x</c>,
/// <c>model:x</c>, or <c>default</c> for the built-in rule) and what it required.
/// </summary>
public sealed record PolicyEntry(string Scope, string Summary);

/// <summary>
/// Where a version serves and who reads its predictions; <c>Compliant</c> is false once the version no longer meets the
/// environment's deployment policy (the issue names the rule); <c>PolicyWhenDeployed</c> is the rule in force when it
/// was recorded, rebuilt from the chain.
/// </summary>
public sealed record DeploymentEntry(
    int Version, string Environment, string? Endpoint, string? Platform, string Status, int? TrafficPercent,
    string DeployedBy, DateTime DeployedAt, DateTime? RetiredAt, string PolicyWhenDeployed, bool Compliant, string? ComplianceIssue, DateTime? NonCompliantSince,
    IReadOnlyList<ConsumerEntry> Consumers);

/// <summary>A consuming application linked by a CONSUMED_BY edge.</summary>
public sealed record ConsumerEntry(string Name, string? Owner, DateTime Since, DateTime? Until);

/// <summary>
/// Drift monitoring as it stands: the overall status (NOT_MONITORED when no deployment has a monitoring binding), each
/// deployment's binding and windows, and every alert with who acknowledged it. Reported as measured, never estimated.
/// </summary>
public sealed record DriftSection(string Status, string Note, IReadOnlyList<DriftMonitorEntry> Monitors, IReadOnlyList<DriftAlertEntry> Alerts);

/// <summary>One deployment's monitoring: where it reads, its thresholds, and the windows evaluated so far.</summary>
public sealed record DriftMonitorEntry(
    int Version, string Environment, string DeploymentStatus, string Metric, string Window, double PsiWarning, double PsiDrift,
    string ConfiguredBy, DateTime ConfiguredAt, int Windows, string WindowsByStatus, DateTime? LatestWindowEnd, string LatestStatus);

/// <summary>A drift alert of one of the model's deployments and its lifecycle.</summary>
public sealed record DriftAlertEntry(
    int Version, string Environment, string Feature, string Metric, double Value, double Threshold, string Status, DateTime DetectedAt,
    DateTime WindowEnd, string? AcknowledgedBy, DateTime? AcknowledgedAt, string? AcknowledgeComment, DateTime? ResolvedAt);

/// <summary>A write a governance rule refused (ATTEMPT_REFUSED in the log): who tried, what, and the rule's answer.</summary>
public sealed record RefusalEntry(long Sequence, DateTime At, string Actor, string Subject, string? Code, string? Message);

/// <summary>One event of the model in the audit log, with its hash so that an auditor can match it against an export.</summary>
public sealed record AuditEntry(long Sequence, DateTime At, string Type, string Actor, string? Reason, string Hash);

/// <summary>
/// The result of walking the whole hash chain when the report was generated, the head it reached (sequence and hash),
/// and a statement of what was checked and how.
/// </summary>
public sealed record AuditChainSection(bool Verified, long Checked, long? FirstBrokenSequence, long HeadSequence, string? HeadHash, string Method);

/// <summary>
/// The live rows of this model (versions with metrics and parameters, stages, aliases, deployments and the lineage edges
/// touching them) compared with the state the chain replays to: every difference, and what the chain cannot vouch for.
/// </summary>
public sealed record StateComparisonSection(
    bool Matches, long EventsReplayed, long RowsCompared, IReadOnlyList<StateMismatchEntry> Mismatches, IReadOnlyList<UnvouchedEntry> Unvouched, string Method);

/// <summary>A stored value that differs from the chain; null stands for "no such row" on that side.</summary>
public sealed record StateMismatchEntry(string Subject, string Field, string? Chained, string? Stored);

/// <summary>A stored value the chain cannot vouch for.</summary>
public sealed record UnvouchedEntry(string Subject, string Field, string Why);
