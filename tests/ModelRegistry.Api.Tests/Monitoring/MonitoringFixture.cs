using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Monitoring;

/// <summary>A metrics source answering per selector from what the test set; a selector set to fail throws like an unreachable Prometheus.</summary>
public sealed class ScriptedMetricsSource : IMetricsSource
{
    private readonly ConcurrentDictionary<string, Func<MetricsQuery, IReadOnlyList<LiveSample>>> _answers = new();

    /// <summary>How many queries were answered or refused.</summary>
    public int Queries;

    /// <summary>Answers every feature of <paramref name="selector"/> with cumulative buckets built from per-bin counts.</summary>
    public void Answer(string selector, double[] edges, double[] perBin)
        => _answers[selector] = _ => Cumulative(edges, perBin);

    /// <summary>Answers every feature of <paramref name="selector"/> with no samples, as Prometheus does for a silent series.</summary>
    public void Silence(string selector)
        => _answers[selector] = _ => [];

    /// <summary>Makes every query of <paramref name="selector"/> fail as an unreachable source.</summary>
    public void Fail(string selector)
        => _answers[selector] = q => throw new MetricsUnavailableException($"Prometheus at {q.BaseUrl} is unreachable: connection refused");

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, IReadOnlyList<LiveSample>>> ReadAsync(MetricsQuery query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Queries);
        IReadOnlyDictionary<string, IReadOnlyList<LiveSample>> answers = query.Features.ToDictionary(f => f,
            _ => _answers.TryGetValue(query.Selector, out var answer) ? answer(query) : [], StringComparer.Ordinal);
        return Task.FromResult(answers);
    }

    /// <summary>Prometheus-style cumulative <c>le</c> samples of per-bin counts.</summary>
    public static IReadOnlyList<LiveSample> Cumulative(double[] edges, double[] perBin)
    {
        var samples = new List<LiveSample>();
        var total = 0.0;
        for (var i = 0; i < perBin.Length; i++)
        {
            total += perBin[i];
            samples.Add(new LiveSample(i < edges.Length ? edges[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "+Inf", total));
        }
        return samples;
    }
}

/// <summary>The Api host with a scripted metrics source in place of Prometheus.</summary>
public sealed class MonitoringApiFactory : RegistryApiFactory
{
    /// <summary>The scripted source the jobs read.</summary>
    public ScriptedMetricsSource Metrics { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The made-up Prometheus the tests bind to, and the loopback one the job tests use.
        builder.UseSetting("Registry:Monitoring:AllowedPrometheusHosts:0", "prom.example");
        builder.UseSetting("Registry:Monitoring:AllowedPrometheusHosts:1", "127.0.0.1");
        builder.ConfigureTestServices(s => s.AddSingleton<IMetricsSource>(Metrics));
    }
}

/// <summary>Arrangement and job runs shared by the monitoring tests.</summary>
public static class MonitoringArrange
{
    /// <summary>setBaselineProfile.</summary>
    public const string SetBaseline = $$"""
        mutation($input: SetBaselineProfileInput!) { setBaselineProfile(input: $input) {
          modelVersion { id baseline { feature bucketEdges categories counts } } {{Operations.Errors}} } }
        """;

    /// <summary>configureMonitoring.</summary>
    public const string Configure = $$"""
        mutation($input: ConfigureMonitoringInput!) { configureMonitoring(input: $input) {
          deployment { id driftStatus monitoring { prometheusUrl selector featureHistogramMetric window psiWarning psiDrift healthyWindowsToResolve } }
          {{Operations.Errors}} } }
        """;

    /// <summary>acknowledgeDriftAlert.</summary>
    public const string Acknowledge = $$"""
        mutation($input: AcknowledgeDriftAlertInput!) { acknowledgeDriftAlert(input: $input) {
          driftAlert { id status acknowledgedBy acknowledgeComment } {{Operations.Errors}} } }
        """;

    /// <summary>runMonitoringNow.</summary>
    public const string RunNow = $$"""
        mutation($input: RunMonitoringNowInput!) { runMonitoringNow(input: $input) { jobId monitoringWindow { id status } {{Operations.Errors}} } }
        """;

    /// <summary>A deployment's status, windows and its version's alerts.</summary>
    public const string DeploymentDrift = """
        query($id: ID!) { node(id: $id) { ... on Deployment { driftStatus
          monitoringWindows(first: 20) { totalCount nodes { id windowEnd status sourceUnavailable features { feature psi jensenShannon ks wasserstein status reason } } }
          modelVersion { driftStatus driftAlerts(first: 20) { totalCount nodes { id feature metric value threshold status consumers deployment { id } } } } } } }
        """;

    /// <summary>The edges every test histogram uses.</summary>
    public static readonly double[] Edges = [10, 20, 30];

    /// <summary>The baseline's per-bin counts: 25 % in each bin.</summary>
    public static readonly double[] Baseline = [100, 100, 100, 100];

    /// <summary>Registers a model (named), a version with a one-feature baseline, an ACTIVE deployment with consumers, and a binding.</summary>
    public static async Task<(string ModelName, string VersionId, string DeploymentId, string Selector)> MonitoredDeploymentAsync(
        this GraphQLClient client, int healthyWindowsToResolve = 3)
    {
        var name = RegistryArrange.UniqueName("drift");
        var modelId = await client.RegisterModelAsync(name);
        var versionId = await client.CreateVersionAsync(modelId);
        await client.MutateAsync(SetBaseline, new
        {
            modelVersionId = versionId, features = new[] { new { feature = "age", bucketEdges = Edges, counts = Baseline } },
        });
        var deploymentId = await client.RecordDeploymentAsync(versionId, "billing-portal");
        var selector = $"deployment=\"{name}\"";
        await client.MutateAsync(Configure, new
        {
            deploymentId, prometheusUrl = "http://127.0.0.1:9/", selector, featureHistogramMetric = "model_feature_value", window = "1h",
            healthyWindowsToResolve,
        });
        return (name, versionId, deploymentId, selector);
    }

    /// <summary>
    /// Records a window of feature "age" with <paramref name="perBin"/> counts straight through the use case, as the job does,
    /// for hosts without a scripted metrics source; returns the window's ID.
    /// </summary>
    public static async Task<string> RecordWindowAsync(IServiceProvider services, string deploymentId, DateTime windowEnd, double[] perBin)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Extensions.RequestPrincipal>().Principal = Core.Governance.RegistryPrincipal.SystemNamed(DeploymentMonitoringJob.Actor);
        scope.ServiceProvider.GetRequiredService<Core.Governance.ReadVisibilityHolder>().ForSystem();
        var result = await scope.ServiceProvider.GetRequiredService<RecordMonitoringWindow>().ExecuteAsync(
            new RecordMonitoringWindowCommand(GlobalId.DecodeLong(deploymentId, NodeTypes.Deployment), windowEnd,
                new Dictionary<string, IReadOnlyList<LiveSample>> { ["age"] = ScriptedMetricsSource.Cumulative(Edges, perBin) }),
            CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return GlobalId.Encode(NodeTypes.MonitoringWindow, result.Value!.Id);
    }

    /// <summary>Runs the deployment job in a scope of the host, as a Hangfire worker would.</summary>
    public static async Task<DriftStatus?> RunJobAsync(this RegistryApiFactory factory, string deploymentId, DateTime windowEnd)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeploymentMonitoringJob>()
            .RunAsync(GlobalId.DecodeLong(deploymentId, NodeTypes.Deployment), windowEnd, CancellationToken.None);
    }
}
