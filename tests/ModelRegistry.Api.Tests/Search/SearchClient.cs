using System.Text.Json;

namespace ModelRegistry.Api.Tests.Search;

/// <summary>The registry's public mutations and the search query, as a client calls them.</summary>
public static class SearchClient
{
    private const string ResultFields = """
        __typename
        ... on Model { id name }
        ... on ModelVersion { id number model { name } }
        ... on Dataset { id name }
        ... on Deployment { id environment }
        ... on DatasetVersion { id version }
        ... on ConsumerApplication { id name }
        """;

    /// <summary>A word no other test uses, so tests sharing a database do not see each other's rows.</summary>
    public static string UniqueWord(string stem)
        => stem + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16) % 26)).ToArray());

    /// <summary>Registers a model and returns its ID.</summary>
    public static async Task<string> RegisterModelAsync(this SearchRegistryHost host, string name, string? description = null, string[]? tags = null)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: RegisterModelInput!) { registerModel(input: $input) { model { id } errors { code message } } }",
            new { input = new { name, description, task = "CLASSIFICATION", owner = "search-team", tags } });
        return Payload(json, "registerModel", "model").GetProperty("id").GetString()!;
    }

    /// <summary>Changes a model's description.</summary>
    public static async Task UpdateModelDescriptionAsync(this SearchRegistryHost host, string modelId, string description)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { id } errors { code message } } }",
            new { input = new { id = modelId, description } });
        Payload(json, "updateModel", "model");
    }

    /// <summary>Creates a version of a model and returns its ID.</summary>
    public static async Task<string> CreateVersionAsync(this SearchRegistryHost host, string modelId, string? description = null, string? framework = null)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: CreateModelVersionInput!) { createModelVersion(input: $input) { modelVersion { id } errors { code message } } }",
            new { input = new { modelId, description, framework } });
        return Payload(json, "createModelVersion", "modelVersion").GetProperty("id").GetString()!;
    }

    /// <summary>Registers a dataset and returns its ID.</summary>
    public static async Task<string> RegisterDatasetAsync(this SearchRegistryHost host, string name, string? description = null)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: RegisterDatasetInput!) { registerDataset(input: $input) { dataset { id } errors { code message } } }",
            new { input = new { name, description, owner = "data-team" } });
        return Payload(json, "registerDataset", "dataset").GetProperty("id").GetString()!;
    }

    /// <summary>Records a deployment of a version and returns its ID.</summary>
    public static async Task<string> RecordDeploymentAsync(this SearchRegistryHost host, string modelVersionId, string environment, string? platform = null)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: RecordDeploymentInput!) { recordDeployment(input: $input) { deployment { id } errors { code message } } }",
            new { input = new { modelVersionId, environment, endpoint = "https://serving.example/predict", platform } });
        return Payload(json, "recordDeployment", "deployment").GetProperty("id").GetString()!;
    }

    /// <summary>Records a deployment read by the named consumer applications and returns their IDs by name.</summary>
    public static async Task<Dictionary<string, string>> RecordConsumedDeploymentAsync(this SearchRegistryHost host, string modelVersionId, params string[] consumers)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: RecordDeploymentInput!) { recordDeployment(input: $input) { deployment { consumers { id name } } errors { code message } } }",
            new { input = new { modelVersionId, environment = "development", consumers } });
        return Payload(json, "recordDeployment", "deployment").GetProperty("consumers").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetString()!);
    }

    /// <summary>Adds a version to a dataset and returns its ID.</summary>
    public static async Task<string> CreateDatasetVersionAsync(this SearchRegistryHost host, string datasetId, string version, string? uri = null)
    {
        var json = await host.GraphQLAsync(
            "mutation($input: CreateDatasetVersionInput!) { createDatasetVersion(input: $input) { datasetVersion { id } errors { code message } } }",
            new { input = new { datasetId, version, uri } });
        return Payload(json, "createDatasetVersion", "datasetVersion").GetProperty("id").GetString()!;
    }

    /// <summary>Runs <c>search</c> and returns the whole response (data and errors); <paramref name="types"/> is sent only when given.</summary>
    public static Task<JsonElement> SearchAsync(this SearchRegistryHost host, string text, int? first = null, string? after = null, string[]? types = null)
        => host.GraphQLAsync(
            $"query($text: String!, $first: Int, $after: String, $types: [SearchResultKind!]) {{ search(text: $text, types: $types, first: $first, after: $after) {{ totalCount edges {{ cursor node {{ {ResultFields} }} }} nodes {{ __typename }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} }}",
            new { text, first, after, types });

    /// <summary>The <c>search</c> connection of a response that must have succeeded.</summary>
    public static JsonElement Connection(JsonElement response)
    {
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data").GetProperty("search");
    }

    /// <summary>The IDs of a successful search page, in order.</summary>
    public static List<string> Ids(JsonElement response)
        => Connection(response).GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();

    /// <summary>The <c>extensions.code</c> of every error of a response.</summary>
    public static List<string?> ErrorCodes(JsonElement response)
        => response.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList()
            : [];

    private static JsonElement Payload(JsonElement json, string field, string valueField)
    {
        Assert.False(json.TryGetProperty("errors", out var errors), errors.ToString());
        var payload = json.GetProperty("data").GetProperty(field);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return payload.GetProperty(valueField);
    }
}
