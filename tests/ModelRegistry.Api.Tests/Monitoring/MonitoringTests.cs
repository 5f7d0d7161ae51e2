using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Monitoring;

/// <summary>Baselines, bindings, windows, alerts and drift roll-ups over HTTP, with a scripted metrics source.</summary>
public sealed class MonitoringTests(MonitoringApiFactory factory) : IClassFixture<MonitoringApiFactory>
{
    private static readonly DateTime Hour1 = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly double[] Shifted = [10, 40, 100, 250];
    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<JsonElement> DeploymentAsync(string id)
        => (await client.QueryAsync(MonitoringArrange.DeploymentDrift, new { id })).GetProperty("node");

    [Fact]
    public async Task A_baseline_is_stored_per_feature_and_read_back_on_the_version()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var payload = await client.MutateAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = versionId,
            features = new object[]
            {
                new { feature = "age", bucketEdges = new[] { 18.0, 65.0 }, counts = new[] { 5.0, 90.0, 5.0 } },
                new { feature = "country", categories = new[] { "de", "fr" }, counts = new[] { 3.0, 1.0 } },
            },
        });

        var baseline = payload.GetProperty("modelVersion").GetProperty("baseline");
        Assert.Equal(["age", "country"], baseline.EnumerateArray().Select(f => f.GetProperty("feature").GetString()));
        Assert.Equal([18.0, 65.0], baseline[0].GetProperty("bucketEdges").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(JsonValueKind.Null, baseline[1].GetProperty("bucketEdges").ValueKind);
        Assert.Equal(["de", "fr"], baseline[1].GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0 }, new[] { 1.0, 1.0, 1.0 }, "features[0].bucketEdges")]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0, 1.0 }, "features[0].counts")]
    [InlineData(new[] { 1.0 }, new[] { 1.0, -1.0 }, "features[0].counts")]
    [InlineData(new[] { 1.0 }, new[] { 0.0, 0.0 }, "features[0].counts")]
    public async Task A_baseline_with_bad_edges_or_counts_is_refused_with_VALIDATION_FAILED_on_the_field(double[] edges, double[] counts, string field)
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var error = await client.MutateExpectingErrorAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = versionId, features = new[] { new { feature = "age", bucketEdges = edges, counts } },
        });

        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Field));
    }

    [Theory]
    [InlineData("ftp://prom.example", "1h", 0.1, 0.25, "prometheusUrl")]
    [InlineData("prom.example:9090", "1h", 0.1, 0.25, "prometheusUrl")]
    [InlineData("http://prom.example", "5 minutes", 0.1, 0.25, "window")]
    [InlineData("http://prom.example", "1h", 0.3, 0.25, "psiWarning")]
    [InlineData("http://prom.example", "1h", 0, 0.25, "psiWarning")]
    public async Task A_binding_with_a_bad_url_window_or_thresholds_is_refused_with_VALIDATION_FAILED(
        string url, string window, double warning, double drift, string field)
    {
        var deploymentId = await client.RecordDeploymentAsync(await client.CreateVersionAsync(await client.RegisterModelAsync()));

        var error = await client.MutateExpectingErrorAsync(MonitoringArrange.Configure, new
        {
            deploymentId, prometheusUrl = url, selector = "job=\"x\"", featureHistogramMetric = "m", window, psiWarning = warning, psiDrift = drift,
        });

        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Field));
    }

    [Fact]
    public async Task Configuring_applies_the_contract_defaults_and_an_unmeasured_deployment_is_UNKNOWN()
    {
        var deploymentId = await client.RecordDeploymentAsync(await client.CreateVersionAsync(await client.RegisterModelAsync()));

        var payload = await client.MutateAsync(MonitoringArrange.Configure, new
        {
            deploymentId, prometheusUrl = "https://prom.example/", selector = "job=\"x\"", featureHistogramMetric = "model_feature_value",
        });

        var deployment = payload.GetProperty("deployment");
        var monitoring = deployment.GetProperty("monitoring");
        Assert.Equal(("https://prom.example", "1h", 0.1, 0.25, 3),
            (monitoring.GetProperty("prometheusUrl").GetString(), monitoring.GetProperty("window").GetString(),
             monitoring.GetProperty("psiWarning").GetDouble(), monitoring.GetProperty("psiDrift").GetDouble(),
             monitoring.GetProperty("healthyWindowsToResolve").GetInt32()));
        Assert.Equal("UNKNOWN", deployment.GetProperty("driftStatus").GetString());
    }

    [Fact]
    public async Task Running_the_same_window_twice_stores_one_window_and_raises_one_alert_with_one_DRIFT_DETECTED_event()
    {
        var (_, versionId, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);

        Assert.Equal(Core.Monitoring.DriftStatus.Drifting, await factory.RunJobAsync(deploymentId, Hour1));
        Assert.Equal(Core.Monitoring.DriftStatus.Drifting, await factory.RunJobAsync(deploymentId, Hour1));

        var deployment = await DeploymentAsync(deploymentId);
        Assert.Equal(1, deployment.GetProperty("monitoringWindows").GetProperty("totalCount").GetInt32());
        var alerts = deployment.GetProperty("modelVersion").GetProperty("driftAlerts");
        Assert.Equal(1, alerts.GetProperty("totalCount").GetInt32());
        var alert = alerts.GetProperty("nodes")[0];
        Assert.Equal(("age", "psi", "OPEN", 0.25), (alert.GetProperty("feature").GetString(), alert.GetProperty("metric").GetString(),
            alert.GetProperty("status").GetString(), alert.GetProperty("threshold").GetDouble()));
        Assert.Equal(["billing-portal"], alert.GetProperty("consumers").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(deploymentId, alert.GetProperty("deployment").GetProperty("id").GetString());
        Assert.Equal("DRIFTING", deployment.GetProperty("driftStatus").GetString());
        Assert.Equal("DRIFTING", deployment.GetProperty("modelVersion").GetProperty("driftStatus").GetString());
        var alertKey = Ids.KeyOf(alert.GetProperty("id").GetString()!);
        var detected = Assert.Single(await factory.AuditEventsAsync(), e => e.Type == EventTypes.DriftDetected && e.SubjectId == alertKey);
        Assert.Equal(("drift-monitor", "DriftAlert"), (detected.Actor, detected.SubjectType));
        Assert.Contains(versionId, (await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on DriftAlert { modelVersion { id } } } }",
            new { id = alert.GetProperty("id").GetString() })).GetRawText());
    }

    [Fact]
    public async Task A_window_with_shifted_data_computes_every_statistic_and_a_matching_one_is_NONE()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, [50, 50, 50, 50]);
        await factory.RunJobAsync(deploymentId, Hour1);

        var window = (await DeploymentAsync(deploymentId)).GetProperty("monitoringWindows").GetProperty("nodes")[0];
        var feature = window.GetProperty("features")[0];
        Assert.Equal(("NONE", "NONE"), (window.GetProperty("status").GetString(), feature.GetProperty("status").GetString()));
        Assert.Equal(0, feature.GetProperty("psi").GetDouble(), 9);
        Assert.Equal(0, feature.GetProperty("ks").GetDouble(), 9);
        Assert.Equal(0, feature.GetProperty("wasserstein").GetDouble(), 9);
    }

    [Fact]
    public async Task Live_buckets_that_do_not_match_the_baseline_edges_make_the_window_UNKNOWN_with_the_reason_and_no_alert()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, [10, 25, 30], Shifted);

        Assert.Equal(Core.Monitoring.DriftStatus.Unknown, await factory.RunJobAsync(deploymentId, Hour1));

        var deployment = await DeploymentAsync(deploymentId);
        var feature = deployment.GetProperty("monitoringWindows").GetProperty("nodes")[0].GetProperty("features")[0];
        Assert.Equal("UNKNOWN", feature.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, feature.GetProperty("psi").ValueKind);
        Assert.StartsWith("Edge mismatch: the baseline has le=[10, 20, 30, +Inf]", feature.GetProperty("reason").GetString());
        Assert.Equal(0, deployment.GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_source_stores_an_UNKNOWN_window_raises_nothing_and_throws_for_a_retry_that_fills_the_same_row()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Fail(selector);

        await Assert.ThrowsAsync<Core.Monitoring.MetricsUnavailableException>(() => factory.RunJobAsync(deploymentId, Hour1));

        var failed = await DeploymentAsync(deploymentId);
        var window = failed.GetProperty("monitoringWindows").GetProperty("nodes")[0];
        Assert.Equal(("UNKNOWN", true), (window.GetProperty("status").GetString(), window.GetProperty("sourceUnavailable").GetBoolean()));
        Assert.StartsWith("Metrics source unavailable", window.GetProperty("features")[0].GetProperty("reason").GetString());
        Assert.Equal(0, failed.GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("totalCount").GetInt32());

        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);

        var retried = (await DeploymentAsync(deploymentId)).GetProperty("monitoringWindows");
        Assert.Equal(1, retried.GetProperty("totalCount").GetInt32());
        Assert.Equal(window.GetProperty("id").GetString(), retried.GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.Equal("DRIFTING", retried.GetProperty("nodes")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_alert_is_acknowledged_once_with_a_comment_and_a_second_acknowledgement_is_an_INVALID_TRANSITION()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        var alertId = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0]
            .GetProperty("id").GetString();

        var blank = await client.MutateExpectingErrorAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "  " });
        var acknowledged = (await client.MutateAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "new partner traffic" })).GetProperty("driftAlert");
        var again = await client.MutateExpectingErrorAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "again" });

        Assert.Equal(("VALIDATION_FAILED", "comment"), (blank.Code, blank.Field));
        Assert.Equal(("ACKNOWLEDGED", TestCredentials.AdminPrincipal, "new partner traffic"),
            (acknowledged.GetProperty("status").GetString(), acknowledged.GetProperty("acknowledgedBy").GetString(),
             acknowledged.GetProperty("acknowledgeComment").GetString()));
        Assert.Equal("INVALID_TRANSITION", again.Code);
    }

    [Fact]
    public async Task An_alert_resolves_itself_after_the_configured_healthy_windows_and_a_new_drift_raises_a_new_one()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync(healthyWindowsToResolve: 2);
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, MonitoringArrange.Baseline);
        await factory.RunJobAsync(deploymentId, Hour1.AddHours(1));
        var afterOne = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0];
        await factory.RunJobAsync(deploymentId, Hour1.AddHours(2));
        var afterTwo = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0];
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1.AddHours(3));

        Assert.Equal("OPEN", afterOne.GetProperty("status").GetString());
        Assert.Equal("RESOLVED", afterTwo.GetProperty("status").GetString());
        var alerts = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts");
        Assert.Equal(["OPEN", "RESOLVED"], alerts.GetProperty("nodes").EnumerateArray().Select(a => a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_window_without_data_keeps_an_OPEN_or_ACKNOWLEDGED_alert_at_WARNING_not_UNKNOWN()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        factory.Metrics.Silence(selector);

        Assert.Equal(Core.Monitoring.DriftStatus.Unknown, await factory.RunJobAsync(deploymentId, Hour1.AddHours(1)));
        var open = await DeploymentAsync(deploymentId);
        var alertId = open.GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0].GetProperty("id").GetString();
        await client.MutateAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "upstream feed paused" });
        var acknowledged = await DeploymentAsync(deploymentId);

        Assert.Equal("UNKNOWN", open.GetProperty("monitoringWindows").GetProperty("nodes")[0].GetProperty("status").GetString());
        Assert.Equal(("WARNING", "WARNING"), (open.GetProperty("driftStatus").GetString(),
            open.GetProperty("modelVersion").GetProperty("driftStatus").GetString()));
        Assert.Equal(("WARNING", "WARNING"), (acknowledged.GetProperty("driftStatus").GetString(),
            acknowledged.GetProperty("modelVersion").GetProperty("driftStatus").GetString()));
    }

    [Fact]
    public async Task A_resolved_alert_no_longer_holds_the_status_and_a_healthy_window_reads_NONE_again()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync(healthyWindowsToResolve: 2);
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, MonitoringArrange.Baseline);
        await factory.RunJobAsync(deploymentId, Hour1.AddHours(1));
        var oneHealthy = (await DeploymentAsync(deploymentId)).GetProperty("driftStatus").GetString();
        await factory.RunJobAsync(deploymentId, Hour1.AddHours(2));
        var resolved = (await DeploymentAsync(deploymentId)).GetProperty("driftStatus").GetString();

        Assert.Equal(("WARNING", "NONE"), (oneHealthy, resolved));
    }

    [Fact]
    public async Task A_version_is_the_worst_of_its_ACTIVE_deployments_and_UNKNOWN_once_none_is_active()
    {
        var (_, versionId, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        var quiet = await client.RecordDeploymentAsync(versionId);
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        var drifting = (await DeploymentAsync(quiet)).GetProperty("modelVersion").GetProperty("driftStatus").GetString();

        await client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "RETIRED" });
        var withQuietOnly = (await DeploymentAsync(quiet)).GetProperty("modelVersion").GetProperty("driftStatus").GetString();

        Assert.Equal("DRIFTING", drifting);
        Assert.Equal("UNKNOWN", withQuietOnly);
    }

    [Fact]
    public async Task runMonitoringNow_enqueues_a_job_and_refuses_future_windows_and_unmonitored_deployments()
    {
        var (_, versionId, deploymentId, _) = await client.MonitoredDeploymentAsync();
        var unmonitored = await client.RecordDeploymentAsync(versionId);

        var queued = await client.MutateAsync(MonitoringArrange.RunNow, new { deploymentId, windowEnd = Hour1 });
        var future = await client.MutateExpectingErrorAsync(MonitoringArrange.RunNow, new { deploymentId, windowEnd = DateTime.UtcNow.AddHours(2) });
        var bare = await client.MutateExpectingErrorAsync(MonitoringArrange.RunNow, new { deploymentId = unmonitored });

        Assert.False(string.IsNullOrEmpty(queued.GetProperty("jobId").GetString()));
        Assert.Equal(("VALIDATION_FAILED", "windowEnd"), (future.Code, future.Field));
        Assert.Equal(("VALIDATION_FAILED", "deploymentId"), (bare.Code, bare.Field));
    }

    [Fact]
    public async Task A_VIEWER_may_not_configure_monitoring_a_CONTRIBUTOR_may_set_baselines_and_an_APPROVER_may_acknowledge()
    {
        var (model, versionId, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        var alertId = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0]
            .GetProperty("id").GetString();
        var viewer = await KeyAsync("VIEWER", model);
        var contributor = await KeyAsync("CONTRIBUTOR", model);
        var approver = await KeyAsync("APPROVER", model);

        var configure = await viewer.MutateExpectingErrorAsync(MonitoringArrange.Configure, new
        {
            deploymentId, prometheusUrl = "http://prom.example", selector, featureHistogramMetric = "m",
        });
        var run = await contributor.MutateExpectingErrorAsync(MonitoringArrange.RunNow, new { deploymentId });
        var ackByContributor = await contributor.MutateExpectingErrorAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "mine" });
        await contributor.MutateAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = versionId, features = new[] { new { feature = "age", bucketEdges = MonitoringArrange.Edges, counts = MonitoringArrange.Baseline } },
        });
        var ack = await approver.MutateAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "seen by the approver" });

        Assert.Equal(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN"], new[] { configure.Code, run.Code, ackByContributor.Code });
        Assert.Equal("ACKNOWLEDGED", ack.GetProperty("driftAlert").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alerts_and_windows_of_a_model_stay_hidden_from_a_reader_of_another_model()
    {
        var (_, _, deploymentId, selector) = await client.MonitoredDeploymentAsync();
        factory.Metrics.Answer(selector, MonitoringArrange.Edges, Shifted);
        await factory.RunJobAsync(deploymentId, Hour1);
        var outsider = await KeyAsync("VIEWER", RegistryArrange.UniqueName("other"));
        var alertId = (await DeploymentAsync(deploymentId)).GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0]
            .GetProperty("id").GetString();

        var listed = await outsider.QueryAsync("{ driftAlerts(first: 50) { nodes { id } } }");
        var node = await outsider.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = alertId });

        Assert.DoesNotContain(alertId, listed.GetProperty("driftAlerts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, node.GetProperty("node").ValueKind);
    }

    private async Task<GraphQLClient> KeyAsync(string role, string model)
    {
        var principal = RegistryArrange.UniqueName(role.ToLowerInvariant());
        var (_, secret) = await client.CreateApiKeyAsync(principal);
        await client.GrantRoleAsync(principal, role, $"model:{model}");
        return factory.GraphQL(secret);
    }
}
