using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>The EF Core context of the registry.</summary>
public class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options), IRegistryDbContext
{
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
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.ApplyConfigurationsFromAssembly(typeof(RegistryDbContext).Assembly);

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite stores text without a kind, so mark it on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
