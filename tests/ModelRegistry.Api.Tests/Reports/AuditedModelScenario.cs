using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>
/// A model with the history a regulator asks about, built through the public API: training, validation, evaluation and
/// fine-tuning lineage, a stored artifact, a refused policy check, a refused self-approval, an approval by the bootstrap
/// admin key, a production deployment with a drifting window and an OPEN drift alert.
/// </summary>
public sealed class AuditedModelScenario : RegistryApiFactory
{
    /// <summary>The scripted metrics source the drift job reads.</summary>
    public ScriptedMetricsSource Metrics { get; } = new();

    /// <summary>The model's name.</summary>
    public string ModelName { get; } = RegistryArrange.UniqueName("audited");
    /// <summary>The model's ID.</summary>
    public string ModelId { get; private set; } = "";
    /// <summary>The bytes of the artifact stored on version 1.</summary>
    public byte[] ArtifactBytes { get; } = RandomNumberGenerator.GetBytes(4096);
    /// <summary>The deployment that drifts.</summary>
    public string DeploymentId { get; private set; } = "";

    /// <inheritdoc />
    protected override bool PromotesToProductionAtOnce => false;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The report states how many windows were evaluated: a sweep on the default five-minute schedule, landing while the
        // class runs, would add the current hour's window to the one the scenario records.
        builder.UseSetting("Registry:Monitoring:Schedule", "0 0 1 1 *");
        builder.ConfigureTestServices(s => s.AddSingleton<IMetricsSource>(Metrics));
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = GraphQL();
        ModelId = await admin.RegisterModelAsync(ModelName);
        var (_, secret) = await admin.CreateApiKeyAsync("ci-bot");
        await admin.GrantRoleAsync("ci-bot", "CONTRIBUTOR", "model:" + ModelName);
        await admin.GrantRoleAsync("ci-bot", "APPROVER", "model:" + ModelName);
        var bot = GraphQL(secret);
        // The pipeline registers the version, so the bootstrap admin is neither its creator nor its requester.
        var version = await bot.CreateVersionAsync(ModelId, await admin.DatasetVersionAsync());
        await admin.AddEdgeAsync(await admin.DatasetVersionAsync(), version, "VALIDATED_ON");
        await admin.AddEdgeAsync(await admin.DatasetVersionAsync(), version, "EVALUATED_ON");
        await admin.AddEdgeAsync(await admin.CreateVersionAsync(await admin.RegisterModelAsync()), version, "FINE_TUNED_FROM");
        await UploadArtifactAsync(admin, version);

        await SetProductionPolicyAsync(admin, metricMinimum: 0.99);
        await bot.PromoteAsync(version, "STAGING");
        await bot.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = version, targetStage = "PRODUCTION", reason = "ship it" });
        await SetProductionPolicyAsync(admin, metricMinimum: null);
        var requested = await bot.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = version, targetStage = "PRODUCTION", reason = "ship it" });
        var requestId = requested.GetProperty("promotionRequest").GetProperty("id").GetString();
        await bot.MutateExpectingErrorAsync(Operations.ApprovePromotion, new { promotionRequestId = requestId, comment = "mine" });
        await admin.MutateAsync(Operations.ApprovePromotion, new { promotionRequestId = requestId, comment = "looks fine" });

        await admin.MutateAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = version, features = new[] { new { feature = "age", bucketEdges = MonitoringArrange.Edges, counts = MonitoringArrange.Baseline } },
        });
        DeploymentId = RegistryArrange.Id(await admin.MutateAsync(Operations.RecordDeployment,
            new { modelVersionId = version, environment = "production", trafficPercent = 100, consumers = new[] { "claims-portal" } }), "deployment");
        var selector = $"deployment=\"{ModelName}\"";
        await admin.MutateAsync(MonitoringArrange.Configure, new
        {
            deploymentId = DeploymentId, prometheusUrl = "http://127.0.0.1:9/", selector, featureHistogramMetric = "model_feature_value", window = "1h",
        });
        Metrics.Answer(selector, MonitoringArrange.Edges, [10, 40, 100, 250]);
        Assert.Equal(DriftStatus.Drifting, await this.RunJobAsync(DeploymentId, new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc)));
    }

    private Task SetProductionPolicyAsync(GraphQLClient admin, double? metricMinimum)
        => admin.MutateAsync(Operations.SetPromotionPolicy, new
        {
            scope = "model:" + ModelName, targetStage = "PRODUCTION", requiredApprovals = 1, requireTrainingData = false,
            metricName = metricMinimum is null ? null : "auc", metricMinimum,
        });

    private async Task UploadArtifactAsync(GraphQLClient admin, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/artifacts/{version}/weights.bin") { Content = new ByteArrayContent(ArtifactBytes) };
        using var response = await admin.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
