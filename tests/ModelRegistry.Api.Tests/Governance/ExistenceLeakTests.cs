using System.Net.Http.Json;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Api.Tests.Webhooks;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Relay;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// The read-leak arrangement plus one of every team-b subject a mutation takes by ID (an artifact, an OPEN drift alert on a
/// monitored deployment, a webhook, a grant), and three callers who cannot read team b: a VIEWER and an ADMIN of team:a,
/// and a signed-in principal without any grant.
/// </summary>
public sealed class ExistenceLeakHost : ReadLeakHost
{
    /// <summary>An artifact of team b's version.</summary>
    public string BArtifact { get; private set; } = "";
    /// <summary>A monitored deployment of team b's version, with an OPEN alert.</summary>
    public string BMonitoredDeployment { get; private set; } = "";
    /// <summary>The OPEN drift alert of <see cref="BMonitoredDeployment"/>.</summary>
    public string BAlert { get; private set; } = "";
    /// <summary>A webhook (administration).</summary>
    public string Webhook { get; private set; } = "";
    /// <summary>A grant to another principal (administration).</summary>
    public string Grant { get; private set; } = "";
    /// <summary>A dataset of team b: shared, so readable by anyone who reads anything.</summary>
    public string BDataset { get; private set; } = "";

    /// <summary>The callers who cannot read team b, by name.</summary>
    public Dictionary<string, GovernanceClient> Callers { get; } = [];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Admin;
        BArtifact = await UploadArtifactAsync(B.Version, "weights.bin");
        await admin.MutateAsync(MonitoringArrange.SetBaseline, new { modelVersionId = B.Version, features = Baseline });
        BMonitoredDeployment = await admin.DeploymentAsync(B.Version, "leakprobe-monitored");
        await admin.MutateAsync(MonitoringArrange.Configure, Binding(BMonitoredDeployment));
        await MonitoringArrange.RecordWindowAsync(Services, BMonitoredDeployment, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), [1, 2, 3, 90]);
        var alerts = await admin.QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on Deployment { modelVersion { driftAlerts(first: 1) { nodes { id } } } } } }", new { id = BMonitoredDeployment });
        BAlert = alerts.GetProperty("node").GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        var webhook = await admin.MutateAsync(WebhookRegistryFactory.CreateWebhook,
            new { url = "https://hooks.example.com/leakprobe", eventTypes = new[] { "*" }, secret = "existence-leak-secret-0123" });
        Webhook = webhook.GetProperty("webhook").GetProperty("id").GetString()!;
        Grant = await admin.GrantAsync("leakprobe-someone", "VIEWER", "team:b");
        BDataset = await admin.DatasetAsync("leakprobe-b-data", "b");
        Callers["team-a viewer"] = Reader;
        Callers["team-a admin"] = await ClientAsAsync("leakprobe-team-admin", (Role.Admin, "team:a"));
        Callers["no grant"] = await ClientAsAsync("leakprobe-nobody");
    }

    /// <summary>A one-feature baseline.</summary>
    public static readonly object[] Baseline = [new { feature = "age", bucketEdges = MonitoringArrange.Edges, counts = MonitoringArrange.Baseline }];

    /// <summary>A monitoring binding of <paramref name="deploymentId"/> (port 9 refuses at once, so no job waits on it).</summary>
    public static object Binding(string deploymentId)
        => new { deploymentId, prometheusUrl = "http://127.0.0.1:9", selector = "job=\"leakprobe\"", featureHistogramMetric = "model_feature_value" };
}

/// <summary>
/// A subject the caller cannot read answers exactly as a subject that does not exist: for every mutation and REST endpoint
/// that takes an ID, the same code, message and field. FORBIDDEN is kept for subjects the caller can read but not change.
/// </summary>
public sealed class ExistenceLeakTests(ExistenceLeakHost host) : IClassFixture<ExistenceLeakHost>
{
    private const long Missing = 987_654_321;

    /// <summary>Each mutation with an input naming a team-b subject; <c>Unknown</c> swaps that ID for one that does not exist.</summary>
    private Dictionary<string, (string Document, Func<string, object> Input, string HiddenId)> Mutations => new()
    {
        ["updateModel"] = (Ops.UpdateModel, id => new { id, description = "probe" }, host.B.Model),
        ["createModelVersion"] = (Ops.CreateModelVersion, id => new { modelId = id }, host.B.Model),
        ["setModelAlias (model)"] = (Ops.SetModelAlias, id => new { modelId = id, alias = "prod", modelVersionId = host.A.Version }, host.B.Model),
        ["setModelAlias (version)"] = (Ops.SetModelAlias, id => new { modelId = host.A.Model, alias = "prod", modelVersionId = id }, host.B.Version),
        ["promoteModelVersion"] = (Ops.PromoteModelVersion, id => new { modelVersionId = id, targetStage = "STAGING", reason = "probe" }, host.B.Version),
        ["restoreModelVersion"] = (Ops.RestoreModelVersion, id => new { modelVersionId = id, reason = "probe" }, host.B.Version),
        ["recordDeployment"] = (Ops.RecordDeployment, id => new { modelVersionId = id, environment = "probe" }, host.B.Version),
        ["updateDeploymentStatus"] = (Ops.UpdateDeploymentStatus, id => new { id, status = "DRAINING" }, host.B.Deployment),
        ["addLineageEdge (source)"] = (Ops.AddLineageEdge, id => new { sourceId = id, targetId = host.A.Version, relation = "FINE_TUNED_FROM" }, host.B.Version),
        ["addLineageEdge (target)"] = (Ops.AddLineageEdge, id => new { sourceId = host.SharedDatasetVersion, targetId = id, relation = "VALIDATED_ON" }, host.B.Version),
        ["closeLineageEdge"] = (Ops.CloseLineageEdge, id => new { id, reason = "probe" }, host.TrainingEdges.B),
        ["approvePromotion"] = (Ops.ApprovePromotion, id => new { promotionRequestId = id, comment = "probe" }, host.BRequest),
        ["rejectPromotion"] = (Ops.RejectPromotion, id => new { promotionRequestId = id, comment = "probe" }, host.BRequest),
        ["cancelPromotion"] = (Ops.CancelPromotion, id => new { promotionRequestId = id }, host.BRequest),
        ["deleteArtifact"] = (Ops.DeleteArtifact, id => new { id, reason = "probe" }, host.BArtifact),
        ["setBaselineProfile"] = (MonitoringArrange.SetBaseline, id => new { modelVersionId = id, features = ExistenceLeakHost.Baseline }, host.B.Version),
        ["configureMonitoring"] = (MonitoringArrange.Configure, ExistenceLeakHost.Binding, host.B.Deployment),
        ["runMonitoringNow"] = (MonitoringArrange.RunNow, id => new { deploymentId = id }, host.BMonitoredDeployment),
        ["acknowledgeDriftAlert"] = (MonitoringArrange.Acknowledge, id => new { alertId = id, comment = "probe" }, host.BAlert),
        ["revokeApiKey"] = (Ops.RevokeApiKey, id => new { id }, host.OtherKey),
        ["revokeRole"] = (Ops.RevokeRole, id => new { id }, host.Grant),
        ["deleteWebhook"] = (WebhookRegistryFactory.DeleteWebhook, id => new { id }, host.Webhook),
        ["renameModel"] = (Ops.RenameModel, id => new { id, newName = "leakprobe-renamed" }, host.B.Model),
        ["deleteModel"] = (Ops.DeleteModel, id => new { id, reason = "probe" }, host.B.Model),
        ["removeModelAlias"] = (Ops.RemoveModelAlias, id => new { modelId = id, alias = "prod" }, host.B.Model),
        ["setKeyValueTag"] = (Ops.SetKeyValueTag, id => new { modelId = id, versionNumber = 1, key = "probe", value = "probe" }, host.B.Model),
        ["deleteKeyValueTag"] = (Ops.DeleteKeyValueTag, id => new { modelId = id, key = "probe" }, host.B.Model),
        ["updateModelVersion"] = (Ops.UpdateModelVersion, id => new { id, description = "probe" }, host.B.Version),
        ["deleteModelVersion"] = (Ops.DeleteModelVersion, id => new { id, reason = "probe" }, host.B.Version),
    };

    /// <summary>Every mutation that takes an ID, for every caller who cannot read team b.</summary>
    public static IEnumerable<object[]> Cases()
    {
        string[] mutations =
        [
            "updateModel", "createModelVersion", "setModelAlias (model)", "setModelAlias (version)", "promoteModelVersion",
            "restoreModelVersion", "recordDeployment", "updateDeploymentStatus", "addLineageEdge (source)", "addLineageEdge (target)",
            "closeLineageEdge", "approvePromotion", "rejectPromotion", "cancelPromotion", "deleteArtifact", "setBaselineProfile",
            "configureMonitoring", "runMonitoringNow", "acknowledgeDriftAlert", "revokeApiKey", "revokeRole", "deleteWebhook",
            "renameModel", "deleteModel", "removeModelAlias", "setKeyValueTag", "deleteKeyValueTag", "updateModelVersion",
            "deleteModelVersion",
        ];
        foreach (var mutation in mutations)
            foreach (var caller in new[] { "team-a viewer", "team-a admin", "no grant" })
                yield return [mutation, caller];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hidden_subject_answers_exactly_what_an_unknown_ID_answers(string mutation, string caller)
    {
        var (document, input, hiddenId) = Mutations[mutation];
        var client = host.Callers[caller];

        var hidden = await client.PayloadAsync(document, input(hiddenId));
        var unknown = await client.PayloadAsync(document, input(Unknown(hiddenId)));

        var unknownErrors = unknown.GetProperty("errors");
        Assert.True(unknownErrors.ValueKind == JsonValueKind.Array, $"{mutation} accepted an unknown ID: {unknown}");
        Assert.Equal(unknownErrors.GetRawText(), hidden.GetProperty("errors").GetRawText());
        Assert.DoesNotContain("leakprobe-b", hidden.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FINE_TUNED_FROM", "source")]
    [InlineData("DERIVED_FROM", "source")]
    [InlineData("DEPLOYED_AS", "target")]
    public async Task A_model_scoped_contributor_cannot_link_its_model_to_another_teams_hidden_node(string relation, string hiddenEnd)
    {
        var contributor = await host.ClientAsAsync("leakprobe-model-contributor", (Role.Contributor, "model:leakprobe-a"));
        var input = relation == "DEPLOYED_AS"
            ? new { sourceId = host.A.Version, targetId = host.B.Deployment, relation }
            : new { sourceId = host.B.Version, targetId = host.A.Version, relation };
        var before = await EdgesAddedAsync();

        // Selecting the ends used to commit the edge and then fail resolving the hidden one with INTERNAL_SERVER_ERROR.
        var payload = await contributor.PayloadAsync(
            "mutation($input: AddLineageEdgeInput!) { addLineageEdge(input: $input) { lineageEdge { id source { __typename } target { __typename } } " + Operations.Errors + " } }",
            input);

        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal(("NOT_FOUND", hiddenEnd + "Id"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("lineageEdge").ValueKind);
        Assert.Equal(before, await EdgesAddedAsync());
    }

    private async Task<int> EdgesAddedAsync()
        => (await host.Admin.QueryAsync("{ registryEvents(where: { type: { eq: \"LINEAGE_EDGE_ADDED\" } }) { totalCount } }"))
            .GetProperty("registryEvents").GetProperty("totalCount").GetInt32();

    [Fact]
    public void The_leak_matrix_covers_every_mutation_that_takes_an_ID()
    {
        // These name no existing subject: they create one, or act on a scope the caller typed itself.
        string[] creates = ["registerModel", "registerDataset", "createApiKey", "grantRole", "setPromotionPolicy", "setDeploymentPolicy", "createWebhook"];
        // Datasets are shared, hidden only from callers who read nothing: a test of its own below.
        string[] shared = ["createDatasetVersion"];
        var served = ServedMutations.Names();
        var covered = Mutations.Keys.Select(k => k.Split(' ')[0]).ToHashSet();

        Assert.Empty(served.Except(covered).Except(creates).Except(shared));
    }

    [Fact]
    public async Task A_shared_dataset_is_hidden_only_from_a_caller_who_reads_nothing()
    {
        var input = (string id) => new { datasetId = id, version = Unique("v") };

        var nobodyHidden = await host.Callers["no grant"].RefusedAsync(Ops.CreateDatasetVersion, input(host.BDataset));
        var nobodyUnknown = await host.Callers["no grant"].RefusedAsync(Ops.CreateDatasetVersion, input(Unknown(host.BDataset)));
        var viewer = await host.Callers["team-a viewer"].RefusedAsync(Ops.CreateDatasetVersion, input(host.BDataset));

        Assert.Equal(("NOT_FOUND", "The dataset was not found."), nobodyHidden);
        Assert.Equal(nobodyUnknown, nobodyHidden);
        Assert.Equal("FORBIDDEN", viewer.Code);
    }

    [Fact]
    public async Task Uploading_to_a_hidden_version_answers_as_for_an_unknown_version()
    {
        foreach (var caller in host.Callers.Values)
        {
            var hidden = await caller.UploadAsync(host.B.Version);
            var unknown = await caller.UploadAsync(Unknown(host.B.Version));

            Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.Status);
            Assert.Equal(unknown.Status, hidden.Status);
            Assert.Equal(unknown.Body.GetRawText(), hidden.Body.GetRawText());
        }
    }

    [Fact]
    public async Task The_compliance_report_of_a_hidden_model_answers_as_for_an_unknown_name()
    {
        var hidden = await host.Reader.GetAsync("/models/leakprobe-b/compliance-report.md");
        var unknown = await host.Reader.GetAsync("/models/leakprobe-none/compliance-report.md");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.Status);
        Assert.Equal(unknown.Status, hidden.Status);
        Assert.Equal(unknown.Body.GetRawText().Replace("leakprobe-none", "NAME", StringComparison.Ordinal),
            hidden.Body.GetRawText().Replace("leakprobe-b", "NAME", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("createModelVersion")]
    [InlineData("updateModel")]
    [InlineData("promoteModelVersion")]
    [InlineData("updateDeploymentStatus")]
    [InlineData("deleteArtifact")]
    [InlineData("renameModel")]
    [InlineData("deleteModel")]
    [InlineData("setKeyValueTag")]
    [InlineData("updateModelVersion")]
    [InlineData("deleteModelVersion")]
    public async Task A_subject_the_caller_can_read_but_not_change_is_still_FORBIDDEN(string mutation)
    {
        var (document, input, _) = Mutations[mutation];
        var own = mutation switch
        {
            "createModelVersion" or "updateModel" or "renameModel" or "deleteModel" or "setKeyValueTag" => host.A.Model,
            "updateDeploymentStatus" => host.A.Deployment,
            "deleteArtifact" => await host.UploadArtifactAsync(host.A.Version, Unique("file")),
            _ => host.A.Version,
        };

        var (code, message) = await host.Reader.RefusedAsync(document, input(own));

        Assert.Equal("FORBIDDEN", code);
        Assert.Contains("leakprobe-a", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_writers_are_still_asked_to_sign_in()
    {
        var (code, _) = await host.Anonymous().RefusedAsync(Ops.CreateModelVersion, new { modelId = host.B.Model });

        Assert.Equal("UNAUTHENTICATED", code);
    }

    private static string Unknown(string id)
    {
        Assert.True(GlobalId.TryDecode(id, out var type, out _));
        return GlobalId.Encode(type, Missing);
    }
}
