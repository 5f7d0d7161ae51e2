using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Monitoring;

/// <summary>The Api host with fast, few retries of the monitoring job, so the retry path shows within a test.</summary>
public sealed class FastRetryApiFactory : RegistryApiFactory
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registry:Monitoring:RetryAttempts", "2");
        builder.UseSetting("Registry:Monitoring:RetryDelaysSeconds:0", "1");
    }
}

/// <summary>Drift end to end: a real Prometheus with a backfilled fixture, the Hangfire job, the alert, the event and the roll-up.</summary>
public sealed class PrometheusDriftEndToEndTests(FastRetryApiFactory factory, PrometheusServer prometheus)
    : IClassFixture<FastRetryApiFactory>, IClassFixture<PrometheusServer>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task A_shifted_hour_in_Prometheus_drifts_raises_one_alert_and_event_and_a_stopped_Prometheus_retries_to_UNKNOWN_without_alert()
    {
        var name = RegistryArrange.UniqueName("e2e");
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync(name));
        await client.MutateAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = versionId, features = new[] { new { feature = "age", bucketEdges = PrometheusServer.Edges, counts = new[] { 25.0, 25, 25, 25 } } },
        });
        var deploymentId = await client.RecordDeploymentAsync(versionId, "claims-portal");
        await client.MutateAsync(MonitoringArrange.Configure, new
        {
            deploymentId, prometheusUrl = prometheus.Url, selector = PrometheusServer.Selector, featureHistogramMetric = PrometheusServer.Metric, window = "1h",
        });

        // Window 1: the baseline-like hour.
        await RunAndWaitAsync(deploymentId, prometheus.Start.AddHours(1), SucceededStateName);
        Assert.Equal("NONE", WindowAt(await DeploymentAsync(deploymentId), prometheus.Start.AddHours(1)).GetProperty("status").GetString());

        // Window 2: the shifted hour; the PSI must be the one computed here from Prometheus's own answer.
        var secondEnd = prometheus.Start.AddHours(2);
        await RunAndWaitAsync(deploymentId, secondEnd, SucceededStateName);
        var expectedPsi = Psi([25, 25, 25, 25], await BinsFromPrometheusAsync(secondEnd));
        var deployment = await DeploymentAsync(deploymentId);
        var shifted = WindowAt(deployment, secondEnd);
        var age = shifted.GetProperty("features")[0];
        Assert.Equal(("DRIFTING", "DRIFTING"), (shifted.GetProperty("status").GetString(), age.GetProperty("status").GetString()));
        Assert.Equal(expectedPsi, age.GetProperty("psi").GetDouble(), 9);
        Assert.True(expectedPsi > 0.25, $"The fixture's shift should pass the drift threshold; PSI was {expectedPsi}.");

        var version = deployment.GetProperty("modelVersion");
        Assert.Equal("DRIFTING", version.GetProperty("driftStatus").GetString());
        var alert = Assert.Single(version.GetProperty("driftAlerts").GetProperty("nodes").EnumerateArray());
        Assert.Equal(("age", "OPEN"), (alert.GetProperty("feature").GetString(), alert.GetProperty("status").GetString()));
        Assert.Equal(expectedPsi, alert.GetProperty("value").GetDouble(), 9);
        Assert.Equal(["claims-portal"], alert.GetProperty("consumers").EnumerateArray().Select(c => c.GetString()));
        var events = await DriftEventsAsync(name);
        Assert.Equal(alert.GetProperty("id").GetString(), Assert.Single(events).GetProperty("subject").GetProperty("id").GetString());

        // Prometheus gone: the job fails, Hangfire schedules a retry, the window is UNKNOWN and nothing is raised.
        prometheus.Stop();
        var thirdEnd = prometheus.Start.AddHours(3);
        var failed = await RunAndWaitAsync(deploymentId, thirdEnd, "Scheduled");
        // Hangfire shortens the reason; its start names the attempt and the failing source.
        Assert.StartsWith("Retry attempt 1 of 2: Prometheus at http:", failed.History[0].Reason);
        var after = await DeploymentAsync(deploymentId);
        var unknown = WindowAt(after, thirdEnd);
        Assert.Equal(("UNKNOWN", true), (unknown.GetProperty("status").GetString(), unknown.GetProperty("sourceUnavailable").GetBoolean()));
        // The window is UNKNOWN, but the drift alert is still OPEN, so the deployment stays at least WARNING.
        Assert.Equal("WARNING", after.GetProperty("driftStatus").GetString());
        Assert.Equal(1, after.GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("totalCount").GetInt32());
        Assert.Single(await DriftEventsAsync(name));
    }

    private const string SucceededStateName = "Succeeded";

    private async Task<JobDetailsDto> RunAndWaitAsync(string deploymentId, DateTime windowEnd, string state)
    {
        var payload = await client.MutateAsync(MonitoringArrange.RunNow, new { deploymentId, windowEnd });
        var jobId = payload.GetProperty("jobId").GetString()!;
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var details = monitoring.JobDetails(jobId);
            if (details?.History is { Count: > 0 } history && history[0].StateName == state)
                return details;
            if (details?.History is { Count: > 0 } done && done[0].StateName == SucceededStateName && state != SucceededStateName)
                Assert.Fail($"Job {jobId} succeeded, but it should have failed and been scheduled for a retry.");
            await Task.Delay(100);
        }
        throw new TimeoutException($"Job {jobId} did not reach {state} within 60 s.");
    }

    private async Task<JsonElement> DeploymentAsync(string id)
        => (await client.QueryAsync(MonitoringArrange.DeploymentDrift, new { id })).GetProperty("node");

    private static JsonElement WindowAt(JsonElement deployment, DateTime end)
    {
        var windows = deployment.GetProperty("monitoringWindows").GetProperty("nodes").EnumerateArray().ToList();
        var at = windows.Where(w => w.GetProperty("windowEnd").GetDateTime().ToUniversalTime() == end).ToList();
        Assert.True(at.Count == 1, $"Expected one window ending at {end:O}; the deployment has: {deployment.GetProperty("monitoringWindows")}");
        return at[0];
    }

    private async Task<List<JsonElement>> DriftEventsAsync(string model)
        => (await client.QueryAsync("""
                query { registryEvents(first: 50, where: { type: { eq: "DRIFT_DETECTED" } }) { nodes { type model { name } subject { id } } } }
                """)).GetProperty("registryEvents").GetProperty("nodes").EnumerateArray()
            .Where(e => e.GetProperty("model").GetProperty("name").GetString() == model).ToList();

    // Asks Prometheus directly, as a client would, and turns its cumulative answer into per-bin counts.
    private async Task<double[]> BinsFromPrometheusAsync(DateTime at)
    {
        using var http = new HttpClient();
        var query = $"sum by (le) (increase({PrometheusServer.Metric}_bucket{{{PrometheusServer.Selector},feature=\"age\"}}[1h]))";
        var time = (at - DateTime.UnixEpoch).TotalSeconds.ToString(CultureInfo.InvariantCulture);
        using var answer = JsonDocument.Parse(await http.GetStringAsync($"{prometheus.Url}/api/v1/query?query={Uri.EscapeDataString(query)}&time={time}"));
        var cumulative = answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(r => (Le: r.GetProperty("metric").GetProperty("le").GetString() == "+Inf" ? double.PositiveInfinity
                    : double.Parse(r.GetProperty("metric").GetProperty("le").GetString()!, CultureInfo.InvariantCulture),
                Value: double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))
            .OrderBy(b => b.Le).Select(b => b.Value).ToArray();
        Assert.Equal(4, cumulative.Length);
        return cumulative.Select((c, i) => i == 0 ? c : c - cumulative[i - 1]).ToArray();
    }

    // The documented formula, written out independently: Σ (q − p)·ln(q/p) with empty shares raised to 1e-4.
    private static double Psi(double[] baseline, double[] live)
    {
        double bt = baseline.Sum(), lt = live.Sum(), psi = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            double p = Math.Max(baseline[i] / bt, 1e-4), q = Math.Max(live[i] / lt, 1e-4);
            psi += (q - p) * Math.Log(q / p);
        }
        return psi;
    }
}
