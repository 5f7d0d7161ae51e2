using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;

namespace ModelRegistry.Api.Tests.Relay;

/// <summary>A host holding one object of every node type, created once through the public mutations.</summary>
public sealed class EveryNodeTypeFactory : RegistryApiFactory
{
    /// <summary>The ID of one object per node type name.</summary>
    public Dictionary<string, string> IdsByType { get; } = [];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var client = GraphQL();
        IdsByType["Model"] = await client.RegisterModelAsync();
        IdsByType["Dataset"] = await client.RegisterDatasetAsync();
        IdsByType["DatasetVersion"] = await client.CreateDatasetVersionAsync(IdsByType["Dataset"]);
        IdsByType["ModelVersion"] = await client.CreateVersionAsync(IdsByType["Model"]);
        var promoted = await client.MutateAsync(Operations.PromoteModelVersion,
            new { modelVersionId = IdsByType["ModelVersion"], targetStage = "STAGING", reason = "Ready" });
        IdsByType["PromotionRequest"] = RegistryArrange.Id(promoted, "promotionRequest");
        IdsByType["Deployment"] = await client.RecordDeploymentAsync(IdsByType["ModelVersion"], "portal");
        var consumers = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { consumers { id } } } }", new { id = IdsByType["Deployment"] });
        IdsByType["ConsumerApplication"] = consumers.GetProperty("node").GetProperty("consumers")[0].GetProperty("id").GetString()!;
        IdsByType["LineageEdge"] = await client.AddEdgeAsync(IdsByType["DatasetVersion"], IdsByType["ModelVersion"], "EVALUATED_ON");
        IdsByType["ApiKey"] = (await client.CreateApiKeyAsync("node-test-bot")).Id;
        IdsByType["RoleAssignment"] = await client.GrantRoleAsync("node-test-bot", "VIEWER");
        var webhook = await client.MutateAsync(Webhooks.WebhookRegistryFactory.CreateWebhook,
            new { url = "https://hooks.example.com/node-test", eventTypes = new[] { "AUDIT_VERIFIED" }, secret = "node-test-secret-0123" });
        IdsByType["Webhook"] = RegistryArrange.Id(webhook, "webhook");
        // A logged attempt, written directly: the round trip is about node(id:), not about delivering.
        var delivery = new ModelRegistry.Core.Webhooks.WebhookDelivery
        {
            WebhookId = Ids.KeyOf(IdsByType["Webhook"]), EventSequence = 1, EventType = "AUDIT_VERIFIED", Attempt = 1, StatusCode = 200,
            Succeeded = true, At = DateTime.UtcNow, DurationMs = 3,
        };
        await ChangeDatabaseAsync(async db => { db.WebhookDeliveries.Add(delivery); await db.SaveChangesAsync(); });
        IdsByType["WebhookDelivery"] = ModelRegistry.GraphQL.Relay.GlobalId.Encode("WebhookDelivery", delivery.Id);
        using var http = CreateClient().AsAdmin();
        using var upload = await http.PutAsync($"/artifacts/{IdsByType["ModelVersion"]}/model.bin", new ByteArrayContent([1, 2, 3]));
        using var artifact = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());
        IdsByType["Artifact"] = artifact.RootElement.GetProperty("id").GetString()!;
        var (_, _, monitored, _) = await client.MonitoredDeploymentAsync();
        IdsByType["MonitoringWindow"] = await MonitoringArrange.RecordWindowAsync(Services, monitored, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), [1, 2, 3, 90]);
        var alerts = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { modelVersion { driftAlerts(first: 1) { nodes { id } } } } } }", new { id = monitored });
        IdsByType["DriftAlert"] = alerts.GetProperty("node").GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }
}

/// <summary>node(id:) and nodes(ids:) over HTTP.</summary>
public sealed class NodeTests(EveryNodeTypeFactory factory) : IClassFixture<EveryNodeTypeFactory>
{
    private const string NodeQuery = "query($id: ID!) { node(id: $id) { __typename id } }";

    private readonly GraphQLClient client = factory.GraphQL();

    private static readonly string[] NodeTypeNames =
        ["Model", "ModelVersion", "Dataset", "DatasetVersion", "Deployment", "ConsumerApplication", "LineageEdge", "PromotionRequest", "ApiKey", "RoleAssignment",
         "Webhook", "WebhookDelivery", "Artifact", "MonitoringWindow", "DriftAlert"];

    /// <summary>Every type that implements Node in the served schema.</summary>
    public static TheoryData<string> NodeTypes => new(NodeTypeNames);

    [Theory]
    [MemberData(nameof(NodeTypes))]
    public async Task Fetching_a_node_by_its_id_returns_the_same_type_and_id(string typeName)
    {
        var id = factory.IdsByType[typeName];

        var data = await client.QueryAsync(NodeQuery, new { id });

        Assert.Equal(typeName, data.GetProperty("node").GetProperty("__typename").GetString());
        Assert.Equal(id, data.GetProperty("node").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Every_type_implementing_Node_in_the_schema_is_covered_by_the_round_trip()
    {
        var data = await client.QueryAsync("""{ __type(name: "Node") { possibleTypes { name } } }""");

        var served = data.GetProperty("__type").GetProperty("possibleTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order();
        Assert.Equal(NodeTypeNames.Order(), served);
    }

    [Fact]
    public async Task Fetching_several_nodes_keeps_their_order_and_puts_null_where_an_id_is_unknown()
    {
        var ids = new[] { factory.IdsByType["Deployment"], Ids.Unknown("Model"), factory.IdsByType["Model"], factory.IdsByType["LineageEdge"] };

        var data = await client.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", new { ids });

        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(4, nodes.Count);
        Assert.Equal(ids[0], nodes[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal(ids[2], nodes[2].GetProperty("id").GetString());
        Assert.Equal(ids[3], nodes[3].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("Model")]
    [InlineData("PromotionRequest")]
    [InlineData("SomethingElse")]
    public async Task A_well_formed_id_of_nothing_reads_as_null_without_errors(string typeName)
    {
        var data = await client.QueryAsync(NodeQuery, new { id = Ids.Unknown(typeName) });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
    }

    [Theory]
    [InlineData("definitely not base64!")]
    [InlineData("bm9jb2xvbg")]
    public async Task A_malformed_id_is_refused_with_INVALID_ARGUMENT(string id)
    {
        // The second is valid base64url of "nocolon": decodable, but not an ID of the registry.
        var response = await client.SendAsync(NodeQuery, new { id });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task A_malformed_id_among_several_nulls_only_its_own_place_and_names_it_in_the_error_path()
    {
        var response = await client.SendAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            new { ids = new[] { factory.IdsByType["Dataset"], "@@@" } });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal("""["nodes",1]""", response.Errors[0].GetProperty("path").GetRawText());
        var nodes = response.Data.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(factory.IdsByType["Dataset"], nodes[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
    }

    [Fact]
    public async Task An_id_of_one_type_does_not_fetch_an_object_of_another_type_with_the_same_key()
    {
        var modelKey = Ids.KeyOf(factory.IdsByType["Model"]);
        var forged = ModelRegistry.GraphQL.Relay.GlobalId.Encode("Dataset", modelKey);

        var data = await client.QueryAsync(NodeQuery, new { id = forged });

        Assert.Equal("Dataset", data.GetProperty("node").GetProperty("__typename").GetString());
    }
}
