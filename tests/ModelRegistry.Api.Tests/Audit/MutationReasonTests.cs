using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>
/// Every mutation takes a reason, and the events it chains carry it, so "why" is on record for every change, not only
/// for the mutations that require one.
/// </summary>
public sealed class MutationReasonTests(MonitoringApiFactory factory) : IClassFixture<MonitoringApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<List<AuditEvent>> EventsOfAsync(Func<Task> act)
    {
        var before = (await factory.AuditEventsAsync()).Count;
        await act();
        return [.. (await factory.AuditEventsAsync()).Skip(before)];
    }

    /// <summary>Runs a mutation with a reason and returns the events it chained, asserting there was at least one.</summary>
    private async Task<List<AuditEvent>> ChainedByAsync(string mutation, object input, Action<JsonElement>? read = null)
    {
        var events = await EventsOfAsync(async () =>
        {
            var payload = await client.MutateAsync(mutation, input);
            read?.Invoke(payload);
        });
        Assert.NotEmpty(events);
        return events;
    }

    [Fact]
    public async Task Every_mutation_input_has_a_reason_field()
    {
        var schema = await client.QueryAsync("""
            { __schema { mutationType { fields { name args { name type { kind name ofType { name inputFields { name } } } } } } } }
            """);
        var fields = schema.GetProperty("__schema").GetProperty("mutationType").GetProperty("fields").EnumerateArray().ToList();
        Assert.True(fields.Count >= 28, $"Only {fields.Count} mutations were served.");
        foreach (var field in fields)
        {
            var input = field.GetProperty("args").EnumerateArray().SingleOrDefault(a => a.GetProperty("name").GetString() == "input");
            Assert.True(input.ValueKind == JsonValueKind.Object, $"{field.GetProperty("name")} takes no input.");
            var inputFields = input.GetProperty("type").GetProperty("ofType").GetProperty("inputFields").EnumerateArray()
                .Select(f => f.GetProperty("name").GetString());
            Assert.True(inputFields.Contains("reason"), $"{field.GetProperty("name")}'s input has no reason.");
        }
    }

    [Fact]
    public async Task Registering_versioning_and_linking_chain_the_reason_given()
    {
        var modelId = "";
        var registered = await ChainedByAsync(Operations.RegisterModel,
            new { name = RegistryArrange.UniqueName("why"), task = "CLASSIFICATION", owner = "risk", reason = "New fraud use case" },
            p => modelId = RegistryArrange.Id(p, "model"));
        Assert.Equal((EventTypes.ModelRegistered, "New fraud use case"), (registered.Single().Type, registered.Single().Reason));

        var datasetId = "";
        var dataset = await ChainedByAsync(Operations.RegisterDataset,
            new { name = RegistryArrange.UniqueName("why-data"), owner = "risk", reason = "Q3 transactions" }, p => datasetId = RegistryArrange.Id(p, "dataset"));
        Assert.Equal("Q3 transactions", dataset.Single().Reason);
        var dataVersionId = "";
        var dataVersion = await ChainedByAsync(Operations.CreateDatasetVersion,
            new { datasetId, version = "v1", uri = "s3://data/q3", sha256 = new string('a', 64), reason = "Cut of 1 October" },
            p => dataVersionId = RegistryArrange.Id(p, "datasetVersion"));
        Assert.Equal("Cut of 1 October", dataVersion.Single().Reason);

        var versionId = "";
        var version = await ChainedByAsync(Operations.CreateModelVersion,
            new { modelId, framework = "sklearn", reason = "Retrained after the incident" }, p => versionId = RegistryArrange.Id(p, "modelVersion"));
        Assert.Equal((EventTypes.VersionCreated, "Retrained after the incident"), (version.Single().Type, version.Single().Reason));

        var edge = await ChainedByAsync(Operations.AddLineageEdge,
            new { sourceId = dataVersionId, targetId = versionId, relation = "TRAINED_ON", reason = "Recorded by the training pipeline" });
        Assert.Equal((EventTypes.LineageEdgeAdded, "Recorded by the training pipeline"), (edge.Single().Type, edge.Single().Reason));

        var deployment = await ChainedByAsync(Operations.RecordDeployment,
            new { modelVersionId = versionId, environment = "development", trafficPercent = 10, reason = "Canary for the risk team" });
        Assert.All(deployment, e => Assert.Equal("Canary for the risk team", e.Reason));
        Assert.Contains(deployment, e => e.Type == EventTypes.DeploymentRecorded);
    }

    [Fact]
    public async Task Monitoring_policy_grant_and_key_changes_chain_the_reason_given()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);
        var baseline = await ChainedByAsync(MonitoringArrange.SetBaseline, new
        {
            modelVersionId = versionId, reason = "Profile of the training set",
            features = new[] { new { feature = "age", bucketEdges = MonitoringArrange.Edges, counts = MonitoringArrange.Baseline } },
        });
        Assert.Equal((EventTypes.BaselineProfileSet, "Profile of the training set"), (baseline.Single().Type, baseline.Single().Reason));

        var deploymentId = await client.RecordDeploymentAsync(versionId);
        var monitoring = await ChainedByAsync(MonitoringArrange.Configure, new
        {
            deploymentId, prometheusUrl = "http://127.0.0.1:9/", selector = "job=\"why\"", featureHistogramMetric = "model_feature_value",
            window = "1h", reason = "Drift watch asked for by compliance",
        });
        Assert.Equal((EventTypes.MonitoringConfigured, "Drift watch asked for by compliance"), (monitoring.Single().Type, monitoring.Single().Reason));

        var policy = await ChainedByAsync(Operations.SetPromotionPolicy,
            new { scope = "team:risk", targetStage = "STAGING", requiredApprovals = 0, reason = "Staging is self-service for risk" });
        Assert.Equal((EventTypes.PromotionPolicySet, "Staging is self-service for risk"), (policy.Single().Type, policy.Single().Reason));

        var grantId = "";
        var grant = await ChainedByAsync(Operations.GrantRole,
            new { principal = "dana", role = "VIEWER", scope = "team:risk", reason = "Joined the risk team" }, p => grantId = RegistryArrange.Id(p, "roleAssignment"));
        Assert.Equal((EventTypes.RoleGranted, "Joined the risk team"), (grant.Single().Type, grant.Single().Reason));
        var revoke = await ChainedByAsync("mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { " + Operations.Errors + " } }",
            new { id = grantId, reason = "Left the risk team" });
        Assert.Equal((EventTypes.RoleRevoked, "Left the risk team"), (revoke.Single().Type, revoke.Single().Reason));

        var keyId = "";
        var key = await ChainedByAsync(Operations.CreateApiKey, new { name = "ci", principal = "svc-ci", reason = "Nightly retraining" },
            p => keyId = RegistryArrange.Id(p, "apiKey"));
        Assert.Equal((EventTypes.ApiKeyCreated, "Nightly retraining"), (key.Single().Type, key.Single().Reason));
    }

    [Fact]
    public async Task A_mutation_without_a_reason_chains_none_and_a_blank_reason_counts_as_none()
    {
        var registered = await EventsOfAsync(() => client.MutateAsync(Operations.RegisterModel,
            new { name = RegistryArrange.UniqueName("no-why"), task = "CLASSIFICATION", owner = "risk", reason = "   " }));

        Assert.Null(Assert.Single(registered).Reason);
    }

    [Fact]
    public async Task A_reason_too_long_to_chain_is_refused_and_nothing_is_written()
    {
        var name = RegistryArrange.UniqueName("long-why");
        PayloadError? error = null;
        var events = await EventsOfAsync(async () => error = await client.MutateExpectingErrorAsync(Operations.RegisterModel,
            new { name, task = "CLASSIFICATION", owner = "risk", reason = new string('x', 20_000) }));

        Assert.Empty(events);
        Assert.Equal(("VALIDATION_FAILED", "reason"), (error!.Code, error.Field));
        var model = await client.QueryAsync("query($name: String!) { model(name: $name) { id } }", new { name });
        Assert.Equal(JsonValueKind.Null, model.GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task Cancelling_a_promotion_request_chains_the_reason_given()
    {
        var name = RegistryArrange.UniqueName("cancel-why");
        var modelId = await client.RegisterModelAsync(name);
        await client.MutateAsync(Operations.SetPromotionPolicy, new { scope = $"model:{name}", targetStage = "PRODUCTION", requiredApprovals = 1 });
        var versionId = await client.CreateVersionAsync(modelId);
        await client.PromoteAsync(versionId, "STAGING");
        var request = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "Ready" });
        Assert.Equal("PENDING", request.GetProperty("promotionRequest").GetProperty("status").GetString());

        var cancelled = await EventsOfAsync(() => client.MutateAsync(
            "mutation($input: CancelPromotionInput!) { cancelPromotion(input: $input) { " + Operations.Errors + " } }",
            new { promotionRequestId = request.GetProperty("promotionRequest").GetProperty("id").GetString(), reason = "Superseded by version 2" }));

        Assert.Equal((EventTypes.PromotionCancelled, "Superseded by version 2"), (cancelled.Single().Type, cancelled.Single().Reason));
    }
}
