using System.Text.Json;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>Sets up registry state through the public mutations, the way a client would, and returns the new IDs.</summary>
public static class RegistryArrange
{
    /// <summary>A name no other test uses, so tests sharing a host do not collide.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Registers a model and returns its ID.</summary>
    public static async Task<string> RegisterModelAsync(this GraphQLClient client, string? name = null)
    {
        var payload = await client.MutateAsync(Operations.RegisterModel,
            new { name = name ?? UniqueName("model"), task = "CLASSIFICATION", owner = "test-team" });
        return Id(payload, "model");
    }

    /// <summary>Creates the next version of a model and returns its ID.</summary>
    public static async Task<string> CreateVersionAsync(this GraphQLClient client, string modelId, params string[] trainedOn)
    {
        var payload = await client.MutateAsync(Operations.CreateModelVersion, new { modelId, trainedOn });
        return Id(payload, "modelVersion");
    }

    /// <summary>Registers a dataset and returns its ID.</summary>
    public static async Task<string> RegisterDatasetAsync(this GraphQLClient client, string? name = null)
    {
        var payload = await client.MutateAsync(Operations.RegisterDataset, new { name = name ?? UniqueName("dataset") });
        return Id(payload, "dataset");
    }

    /// <summary>Registers a dataset version and returns its ID.</summary>
    public static async Task<string> CreateDatasetVersionAsync(this GraphQLClient client, string datasetId, string version = "v1")
    {
        var payload = await client.MutateAsync(Operations.CreateDatasetVersion, new { datasetId, version });
        return Id(payload, "datasetVersion");
    }

    /// <summary>Registers a dataset with one version and returns the version's ID.</summary>
    public static async Task<string> DatasetVersionAsync(this GraphQLClient client)
        => await client.CreateDatasetVersionAsync(await client.RegisterDatasetAsync());

    /// <summary>Promotes a version through each of <paramref name="stages"/> in turn.</summary>
    public static async Task PromoteAsync(this GraphQLClient client, string modelVersionId, params string[] stages)
    {
        foreach (var stage in stages)
            await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId, targetStage = stage, reason = $"To {stage}" });
    }

    /// <summary>
    /// Records a deployment and returns its ID. The environment is one no deployment policy gates, so a version in any
    /// live stage can be deployed; suites about the policies use production and staging themselves.
    /// </summary>
    public static async Task<string> RecordDeploymentAsync(this GraphQLClient client, string modelVersionId, params string[] consumers)
    {
        var payload = await client.MutateAsync(Operations.RecordDeployment,
            new { modelVersionId, environment = "development", trafficPercent = 100, consumers });
        return Id(payload, "deployment");
    }

    /// <summary>Adds a lineage edge and returns its ID.</summary>
    public static async Task<string> AddEdgeAsync(this GraphQLClient client, string sourceId, string targetId, string relation)
    {
        var payload = await client.MutateAsync(Operations.AddLineageEdge, new { sourceId, targetId, relation });
        return Id(payload, "lineageEdge");
    }

    /// <summary>Creates an API key acting as <paramref name="principal"/> (the caller needs ADMIN) and returns its ID and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateApiKeyAsync(this GraphQLClient client, string principal)
    {
        var payload = await client.MutateAsync(Operations.CreateApiKey, new { name = $"key of {principal}", principal });
        return (Id(payload, "apiKey"), payload.GetProperty("secret").GetString()!);
    }

    /// <summary>Grants <paramref name="role"/> at <paramref name="scope"/> and returns the assignment's ID.</summary>
    public static async Task<string> GrantRoleAsync(this GraphQLClient client, string principal, string role, string scope = "global")
    {
        var payload = await client.MutateAsync(Operations.GrantRole, new { principal, role, scope });
        return Id(payload, "roleAssignment");
    }

    /// <summary>The <c>id</c> of the entity under <paramref name="field"/> of a payload.</summary>
    public static string Id(JsonElement payload, string field) => payload.GetProperty(field).GetProperty("id").GetString()!;
}
