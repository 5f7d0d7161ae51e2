using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Webhooks;

namespace ModelRegistry.Core.Abstractions;

/// <summary>The registry's persistent state as the use cases see it; Infrastructure implements it with EF Core.</summary>
public interface IRegistryDbContext
{
    /// <summary>Models.</summary>
    DbSet<Model> Models { get; }
    /// <summary>Model versions.</summary>
    DbSet<ModelVersion> ModelVersions { get; }
    /// <summary>Metrics.</summary>
    DbSet<Metric> Metrics { get; }
    /// <summary>Stage history.</summary>
    DbSet<StageTransition> StageTransitions { get; }
    /// <summary>Aliases.</summary>
    DbSet<ModelAlias> ModelAliases { get; }
    /// <summary>Key/value tags of models.</summary>
    DbSet<ModelKeyValueTag> ModelKeyValueTags { get; }
    /// <summary>Key/value tags of versions.</summary>
    DbSet<VersionKeyValueTag> VersionKeyValueTags { get; }
    /// <summary>Datasets.</summary>
    DbSet<Dataset> Datasets { get; }
    /// <summary>Dataset versions.</summary>
    DbSet<DatasetVersion> DatasetVersions { get; }
    /// <summary>Lineage edges, live and closed.</summary>
    DbSet<LineageEdge> LineageEdges { get; }
    /// <summary>Deployments.</summary>
    DbSet<Deployment> Deployments { get; }
    /// <summary>Consumer applications.</summary>
    DbSet<ConsumerApplication> ConsumerApplications { get; }
    /// <summary>Promotion requests.</summary>
    DbSet<PromotionRequest> PromotionRequests { get; }
    /// <summary>Approval decisions.</summary>
    DbSet<ApprovalDecision> ApprovalDecisions { get; }
    /// <summary>Role grants, in force and revoked.</summary>
    DbSet<RoleAssignment> RoleAssignments { get; }
    /// <summary>API keys (hashed).</summary>
    DbSet<ApiKey> ApiKeys { get; }
    /// <summary>Configured promotion policies.</summary>
    DbSet<PromotionPolicyRule> PromotionPolicyRules { get; }
    /// <summary>Configured deployment policies.</summary>
    DbSet<DeploymentPolicyRule> DeploymentPolicyRules { get; }
    /// <summary>The audit and event log.</summary>
    DbSet<AuditEvent> AuditEvents { get; }
    /// <summary>Webhooks, active and deleted.</summary>
    DbSet<Webhook> Webhooks { get; }
    /// <summary>Webhook delivery attempts.</summary>
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    /// <summary>Artifact files of versions.</summary>
    DbSet<Artifact> Artifacts { get; }
    /// <summary>Baseline feature profiles of versions.</summary>
    DbSet<FeatureBaseline> FeatureBaselines { get; }
    /// <summary>Monitoring bindings of deployments.</summary>
    DbSet<MonitoringBinding> MonitoringBindings { get; }
    /// <summary>Evaluated monitoring windows.</summary>
    DbSet<MonitoringWindow> MonitoringWindows { get; }
    /// <summary>Drift alerts.</summary>
    DbSet<DriftAlert> DriftAlerts { get; }
    /// <summary>Transactions.</summary>
    DatabaseFacade Database { get; }
    /// <summary>Change tracking, cleared when a use case is refused.</summary>
    Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker ChangeTracker { get; }
    /// <summary>Persists tracked changes.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
