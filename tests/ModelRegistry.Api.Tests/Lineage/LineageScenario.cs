using System.Text.Json;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>Builds lineage through the public mutations and reads it back through the <c>lineage</c> query.</summary>
public sealed class LineageScenario(LineageApiFactory api)
{
    private const string NodeFragment = """
        fragment N on LineageNode {
          __typename
          ... on ModelVersion { id }
          ... on DatasetVersion { id }
          ... on Deployment { id }
          ... on ConsumerApplication { id }
        }
        """;

    private const string LineageQuery = NodeFragment + """
        query Lineage($id: ID!, $direction: LineageDirection, $depth: Int, $relations: [LineageRelation!], $asOf: DateTime) {
          lineage(nodeId: $id, direction: $direction, depth: $depth, relations: $relations, asOf: $asOf) {
            root { ...N }
            nodes { ...N }
            edges { id relation source { ...N } target { ...N } }
            truncated
          }
        }
        """;

    /// <summary>Registers a model under a unique name and returns its ID.</summary>
    public async Task<string> RegisterModelAsync()
    {
        var body = await MutateAsync(
            "mutation($i: RegisterModelInput!) { registerModel(input: $i) { model { id } errors { code message } } }",
            new { name = Unique("model"), task = "CLASSIFICATION", owner = "lineage-team" });
        return body.GetProperty("registerModel").GetProperty("model").GetProperty("id").GetString()!;
    }

    /// <summary>Creates a version of a new model, trained on the given dataset versions, and returns its ID.</summary>
    public async Task<string> CreateVersionAsync(params string[] trainedOn)
    {
        var modelId = await RegisterModelAsync();
        var body = await MutateAsync(
            "mutation($i: CreateModelVersionInput!) { createModelVersion(input: $i) { modelVersion { id } errors { code message } } }",
            new { modelId, trainedOn });
        return body.GetProperty("createModelVersion").GetProperty("modelVersion").GetProperty("id").GetString()!;
    }

    /// <summary>Registers a dataset and one version of it; returns the version's ID.</summary>
    public async Task<string> CreateDatasetVersionAsync()
    {
        var dataset = await MutateAsync(
            "mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { dataset { id } errors { code message } } }",
            new { name = Unique("data") });
        var datasetId = dataset.GetProperty("registerDataset").GetProperty("dataset").GetProperty("id").GetString()!;
        var body = await MutateAsync(
            "mutation($i: CreateDatasetVersionInput!) { createDatasetVersion(input: $i) { datasetVersion { id } errors { code message } } }",
            new { datasetId, version = "v1" });
        return body.GetProperty("createDatasetVersion").GetProperty("datasetVersion").GetProperty("id").GetString()!;
    }

    /// <summary>Records a deployment of a version with its consumers; returns the deployment's ID and the consumers' IDs by name.</summary>
    public async Task<(string Id, Dictionary<string, string> Consumers)> DeployAsync(string modelVersionId, params string[] consumers)
    {
        var body = await MutateAsync(
            "mutation($i: RecordDeploymentInput!) { recordDeployment(input: $i) { deployment { id consumers { id name } } errors { code message } } }",
            new { modelVersionId, environment = "development", consumers = consumers.Select(Unique).ToArray() });
        var deployment = body.GetProperty("recordDeployment").GetProperty("deployment");
        var byName = deployment.GetProperty("consumers").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()![..^9], c => c.GetProperty("id").GetString()!);
        return (deployment.GetProperty("id").GetString()!, byName);
    }

    /// <summary>Adds an edge and returns the whole payload (lineageEdge and errors).</summary>
    public async Task<JsonElement> TryAddEdgeAsync(string sourceId, string targetId, string relation)
    {
        var body = await api.GraphQLAsync(
            "mutation($i: AddLineageEdgeInput!) { addLineageEdge(input: $i) { lineageEdge { id validFrom } errors { code message } } }",
            new { i = new { sourceId, targetId, relation } });
        return body.GetProperty("data").GetProperty("addLineageEdge");
    }

    /// <summary>Adds an edge that must be accepted; returns its ID and start of validity.</summary>
    public async Task<(string Id, DateTime ValidFrom)> AddEdgeAsync(string sourceId, string targetId, string relation)
    {
        var payload = await TryAddEdgeAsync(sourceId, targetId, relation);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var edge = payload.GetProperty("lineageEdge");
        return (edge.GetProperty("id").GetString()!, edge.GetProperty("validFrom").GetDateTime().ToUniversalTime());
    }

    /// <summary>Closes an edge; returns its end of validity.</summary>
    public async Task<DateTime> CloseEdgeAsync(string edgeId)
    {
        var body = await MutateAsync(
            "mutation($i: CloseLineageEdgeInput!) { closeLineageEdge(input: $i) { lineageEdge { validTo } errors { code message } } }",
            new { id = edgeId, reason = "retracted by the data team" });
        return body.GetProperty("closeLineageEdge").GetProperty("lineageEdge").GetProperty("validTo").GetDateTime().ToUniversalTime();
    }

    /// <summary>Runs the lineage query; only the arguments given are sent, so the others take their defaults.</summary>
    public Task<JsonElement> LineageAsync(
        string nodeId, string? direction = null, int? depth = null, string[]? relations = null, string? asOf = null)
    {
        var variables = new Dictionary<string, object?> { ["id"] = nodeId };
        if (direction is not null)
            variables["direction"] = direction;
        if (depth is not null)
            variables["depth"] = depth;
        if (relations is not null)
            variables["relations"] = relations;
        if (asOf is not null)
            variables["asOf"] = asOf;
        return api.GraphQLAsync(LineageQuery, variables);
    }

    /// <summary>An instant as an ISO 8601 DateTime literal, in UTC or at the given offset from it.</summary>
    public static string At(DateTime utc, TimeSpan offset = default)
        => new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(offset).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    // Names must be unique per database; the suffix is cut off again when consumers are read back.
    private static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<JsonElement> MutateAsync(string mutation, object input)
    {
        var body = await api.GraphQLAsync(mutation, new { i = input });
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        var data = body.GetProperty("data");
        var payload = data.EnumerateObject().Single().Value;
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return data;
    }
}
