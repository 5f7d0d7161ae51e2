using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
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

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>The EF Core context of the registry (SQLite; <see cref="PostgresRegistryDbContext"/> is its PostgreSQL form).</summary>
public class RegistryDbContext : DbContext, IRegistryDbContext
{
    private readonly ReadVisibilityHolder _visibility;

    /// <summary>The SQLite context.</summary>
    public RegistryDbContext(DbContextOptions<RegistryDbContext> options, ReadVisibilityHolder visibility)
        : this((DbContextOptions)options, visibility)
    {
    }

    /// <summary>For provider-specific subclasses, which keep migrations of their own.</summary>
    protected RegistryDbContext(DbContextOptions options, ReadVisibilityHolder visibility)
        : base(options)
        => _visibility = visibility;

    // Read by the global query filters on every query, so each request sees only what its principal may read.
    private ReadVisibility Visibility => _visibility.Current;

    /// <inheritdoc />
    public DbSet<Model> Models => Set<Model>();
    /// <inheritdoc />
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    /// <inheritdoc />
    public DbSet<Metric> Metrics => Set<Metric>();
    /// <inheritdoc />
    public DbSet<StageTransition> StageTransitions => Set<StageTransition>();
    /// <inheritdoc />
    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();
    /// <inheritdoc />
    public DbSet<ModelKeyValueTag> ModelKeyValueTags => Set<ModelKeyValueTag>();
    /// <inheritdoc />
    public DbSet<VersionKeyValueTag> VersionKeyValueTags => Set<VersionKeyValueTag>();
    /// <inheritdoc />
    public DbSet<Dataset> Datasets => Set<Dataset>();
    /// <inheritdoc />
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    /// <inheritdoc />
    public DbSet<LineageEdge> LineageEdges => Set<LineageEdge>();
    /// <inheritdoc />
    public DbSet<Deployment> Deployments => Set<Deployment>();
    /// <inheritdoc />
    public DbSet<ConsumerApplication> ConsumerApplications => Set<ConsumerApplication>();
    /// <inheritdoc />
    public DbSet<PromotionRequest> PromotionRequests => Set<PromotionRequest>();
    /// <inheritdoc />
    public DbSet<ApprovalDecision> ApprovalDecisions => Set<ApprovalDecision>();
    /// <inheritdoc />
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    /// <inheritdoc />
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    /// <inheritdoc />
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    /// <inheritdoc />
    public DbSet<PromotionPolicyRule> PromotionPolicyRules => Set<PromotionPolicyRule>();
    /// <inheritdoc />
    public DbSet<DeploymentPolicyRule> DeploymentPolicyRules => Set<DeploymentPolicyRule>();
    /// <inheritdoc />
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    /// <inheritdoc />
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    /// <inheritdoc />
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    /// <inheritdoc />
    public DbSet<FeatureBaseline> FeatureBaselines => Set<FeatureBaseline>();
    /// <inheritdoc />
    public DbSet<MonitoringBinding> MonitoringBindings => Set<MonitoringBinding>();
    /// <inheritdoc />
    public DbSet<MonitoringWindow> MonitoringWindows => Set<MonitoringWindow>();
    /// <inheritdoc />
    public DbSet<DriftAlert> DriftAlerts => Set<DriftAlert>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);
        ApplyReadFilters(modelBuilder);
    }

    // Model-bound rows are visible when their model is; shared rows when the principal can read anything.
    private void ApplyReadFilters(ModelBuilder b)
    {
        b.Entity<Model>().HasQueryFilter(m =>
            Visibility.All || Visibility.Owners.Contains(m.Owner) || Visibility.ModelNames.Contains(m.Name));
        b.Entity<ModelVersion>().HasQueryFilter(v => Visibility.All || Set<Model>().Any(m => m.Id == v.ModelId));
        b.Entity<ModelAlias>().HasQueryFilter(a => Visibility.All || Set<Model>().Any(m => m.Id == a.ModelId));
        b.Entity<Deployment>().HasQueryFilter(d => Visibility.All || Set<ModelVersion>().Any(v => v.Id == d.ModelVersionId));
        b.Entity<PromotionRequest>().HasQueryFilter(r => Visibility.All || Set<ModelVersion>().Any(v => v.Id == r.ModelVersionId));
        b.Entity<Metric>().HasQueryFilter(x => Visibility.All || Set<ModelVersion>().Any(v => v.Id == x.ModelVersionId));
        b.Entity<StageTransition>().HasQueryFilter(t => Visibility.All || Set<ModelVersion>().Any(v => v.Id == t.ModelVersionId));
        b.Entity<AuditEvent>().HasQueryFilter(e =>
            Visibility.All || (e.ModelId == null
                ? Visibility.Owners.Count + Visibility.ModelNames.Count > 0
                  && e.SubjectType != "ApiKey" && e.SubjectType != "RoleAssignment" && e.SubjectType != "PromotionPolicyRule"
                  && e.SubjectType != "DeploymentPolicyRule" && e.SubjectType != "Webhook"
                : Set<Model>().Any(m => m.Id == e.ModelId)));
        b.Entity<Dataset>().HasQueryFilter(d => Visibility.All || Visibility.Owners.Count + Visibility.ModelNames.Count > 0);
        b.Entity<DatasetVersion>().HasQueryFilter(d => Visibility.All || Visibility.Owners.Count + Visibility.ModelNames.Count > 0);
        b.Entity<ConsumerApplication>().HasQueryFilter(a => Visibility.All || Visibility.Owners.Count + Visibility.ModelNames.Count > 0);
        // An edge is shared, but not when either end is a version or deployment the reader cannot see: the edge would
        // point at nothing (and reveal that something hidden exists there).
        b.Entity<LineageEdge>().HasQueryFilter(e => Visibility.All || (Visibility.Owners.Count + Visibility.ModelNames.Count > 0
            && (e.SourceKind != LineageNodeKind.ModelVersion || Set<ModelVersion>().Any(v => v.Id == e.SourceId))
            && (e.TargetKind != LineageNodeKind.ModelVersion || Set<ModelVersion>().Any(v => v.Id == e.TargetId))
            && (e.SourceKind != LineageNodeKind.Deployment || Set<Deployment>().Any(d => d.Id == e.SourceId))
            && (e.TargetKind != LineageNodeKind.Deployment || Set<Deployment>().Any(d => d.Id == e.TargetId))));
        // A deployment policy is readable where it applies: global rules by any reader, team and model rules by readers of such a model.
        b.Entity<DeploymentPolicyRule>().HasQueryFilter(r => Visibility.All || (Visibility.Owners.Count + Visibility.ModelNames.Count > 0
            && (r.Scope == AccessScope.Global || Set<Model>().Any(m => r.Scope == "team:" + m.Owner || r.Scope == "model:" + m.Name))));
        // Webhooks are administration: only global ADMINs (and the system) see them and their deliveries.
        b.Entity<Webhook>().HasQueryFilter(h => Visibility.Administers);
        b.Entity<WebhookDelivery>().HasQueryFilter(d => Visibility.Administers);
        b.Entity<Artifact>().HasQueryFilter(a => Visibility.All || Set<ModelVersion>().Any(v => v.Id == a.ModelVersionId));
        b.Entity<FeatureBaseline>().HasQueryFilter(x => Visibility.All || Set<ModelVersion>().Any(v => v.Id == x.ModelVersionId));
        b.Entity<MonitoringBinding>().HasQueryFilter(x => Visibility.All || Set<Deployment>().Any(d => d.Id == x.DeploymentId));
        b.Entity<MonitoringWindow>().HasQueryFilter(x => Visibility.All || Set<ModelVersion>().Any(v => v.Id == x.ModelVersionId));
        b.Entity<DriftAlert>().HasQueryFilter(x => Visibility.All || Set<ModelVersion>().Any(v => v.Id == x.ModelVersionId));
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite stores text without a kind, so mark it on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
