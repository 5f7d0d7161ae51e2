namespace ModelRegistry.Core.Audit;

/// <summary>The event types written to the log; clients filter on these strings.</summary>
public static class EventTypes
{
    /// <summary>A model was registered.</summary>
    public const string ModelRegistered = "MODEL_REGISTERED";
    /// <summary>A model card changed.</summary>
    public const string ModelUpdated = "MODEL_UPDATED";
    /// <summary>A version was created.</summary>
    public const string VersionCreated = "VERSION_CREATED";
    /// <summary>A promotion was requested.</summary>
    public const string PromotionRequested = "PROMOTION_REQUESTED";
    /// <summary>A version changed stage.</summary>
    public const string StageChanged = "STAGE_CHANGED";
    /// <summary>An alias was set or moved.</summary>
    public const string AliasSet = "ALIAS_SET";
    /// <summary>An alias was removed.</summary>
    public const string AliasRemoved = "ALIAS_REMOVED";
    /// <summary>A model was renamed.</summary>
    public const string ModelRenamed = "MODEL_RENAMED";
    /// <summary>A model was deleted (kept, hidden from the MLflow API).</summary>
    public const string ModelDeleted = "MODEL_DELETED";
    /// <summary>A version's description changed.</summary>
    public const string VersionUpdated = "VERSION_UPDATED";
    /// <summary>A version was deleted (kept; its number is never reused).</summary>
    public const string VersionDeleted = "VERSION_DELETED";
    /// <summary>A key/value tag of a model or version was set.</summary>
    public const string TagSet = "TAG_SET";
    /// <summary>A key/value tag of a model or version was deleted.</summary>
    public const string TagDeleted = "TAG_DELETED";
    /// <summary>A dataset was registered.</summary>
    public const string DatasetRegistered = "DATASET_REGISTERED";
    /// <summary>A dataset version was registered.</summary>
    public const string DatasetVersionCreated = "DATASET_VERSION_CREATED";
    /// <summary>A lineage edge was added.</summary>
    public const string LineageEdgeAdded = "LINEAGE_EDGE_ADDED";
    /// <summary>A lineage edge was closed.</summary>
    public const string LineageEdgeClosed = "LINEAGE_EDGE_CLOSED";
    /// <summary>A deployment was recorded.</summary>
    public const string DeploymentRecorded = "DEPLOYMENT_RECORDED";
    /// <summary>A deployment's status or traffic changed.</summary>
    public const string DeploymentUpdated = "DEPLOYMENT_UPDATED";
    /// <summary>An approver approved a promotion request.</summary>
    public const string PromotionApproved = "PROMOTION_APPROVED";
    /// <summary>An approver rejected a promotion request.</summary>
    public const string PromotionRejected = "PROMOTION_REJECTED";
    /// <summary>The requester withdrew a promotion request.</summary>
    public const string PromotionCancelled = "PROMOTION_CANCELLED";
    /// <summary>A promotion policy was set.</summary>
    public const string PromotionPolicySet = "PROMOTION_POLICY_SET";
    /// <summary>A deployment policy was set.</summary>
    public const string DeploymentPolicySet = "DEPLOYMENT_POLICY_SET";
    /// <summary>A live deployment's version no longer meets its environment's deployment policy.</summary>
    public const string DeploymentNonCompliant = "DEPLOYMENT_NON_COMPLIANT";
    /// <summary>A non-compliant live deployment meets its environment's deployment policy again.</summary>
    public const string DeploymentCompliant = "DEPLOYMENT_COMPLIANT";
    /// <summary>An API key was created.</summary>
    public const string ApiKeyCreated = "API_KEY_CREATED";
    /// <summary>An API key was revoked.</summary>
    public const string ApiKeyRevoked = "API_KEY_REVOKED";
    /// <summary>A role was granted.</summary>
    public const string RoleGranted = "ROLE_GRANTED";
    /// <summary>A role was revoked.</summary>
    public const string RoleRevoked = "ROLE_REVOKED";
    /// <summary>The scheduled verification of the audit chain ran.</summary>
    public const string AuditVerified = "AUDIT_VERIFIED";
    /// <summary>A webhook was created.</summary>
    public const string WebhookCreated = "WEBHOOK_CREATED";
    /// <summary>A webhook was deleted.</summary>
    public const string WebhookDeleted = "WEBHOOK_DELETED";
    /// <summary>An artifact's bytes were stored and recorded on a version.</summary>
    public const string ArtifactUploaded = "ARTIFACT_UPLOADED";
    /// <summary>An artifact was deleted from a version.</summary>
    public const string ArtifactDeleted = "ARTIFACT_DELETED";
    /// <summary>An artifact's bytes (or a range of them) were served.</summary>
    public const string ArtifactDownloaded = "ARTIFACT_DOWNLOADED";
    /// <summary>A version's baseline profile was set.</summary>
    public const string BaselineProfileSet = "BASELINE_PROFILE_SET";
    /// <summary>A deployment's monitoring binding was configured.</summary>
    public const string MonitoringConfigured = "MONITORING_CONFIGURED";
    /// <summary>A feature of a deployment started drifting and an alert was raised.</summary>
    public const string DriftDetected = "DRIFT_DETECTED";
    /// <summary>A drift alert was acknowledged.</summary>
    public const string DriftAlertAcknowledged = "DRIFT_ALERT_ACKNOWLEDGED";
    /// <summary>A drift alert resolved itself after enough healthy windows.</summary>
    public const string DriftAlertResolved = "DRIFT_ALERT_RESOLVED";
    /// <summary>
    /// A governance rule refused a write (a failed policy check, a self-approval, a deployment policy violation). The write
    /// itself rolled back; this event is the trace of the attempt, appended in a transaction of its own.
    /// </summary>
    public const string AttemptRefused = "ATTEMPT_REFUSED";
}
