using System.Text.Json;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>Builds registry contents through the API, as whichever principal the client acts as.</summary>
public static class GovernanceArrange
{
    /// <summary>A name no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Registers a model; returns its ID.</summary>
    public static async Task<string> ModelAsync(this GovernanceClient client, string name, string owner, string? description = null)
        => Id(await client.MutateAsync(Ops.RegisterModel, new { name, owner, task = "CLASSIFICATION", description }), "model");

    /// <summary>Creates a version of a model (optionally reporting one metric); returns its ID.</summary>
    public static async Task<string> VersionAsync(this GovernanceClient client, string modelId, (string Name, double Value)? metric = null)
    {
        object[] metrics = metric is { } m ? [new { name = m.Name, value = m.Value }] : [];
        return Id(await client.MutateAsync(Ops.CreateModelVersion, new { modelId, metrics }), "modelVersion");
    }

    /// <summary>Registers a dataset; returns its ID.</summary>
    public static async Task<string> DatasetAsync(this GovernanceClient client, string name, string? owner)
        => Id(await client.MutateAsync(Ops.RegisterDataset, new { name, owner }), "dataset");

    /// <summary>Creates a dataset version; returns its ID.</summary>
    public static async Task<string> DatasetVersionAsync(this GovernanceClient client, string datasetId, string version)
        => Id(await client.MutateAsync(Ops.CreateDatasetVersion, new { datasetId, version }), "datasetVersion");

    /// <summary>Adds a lineage edge; returns its ID.</summary>
    public static async Task<string> EdgeAsync(this GovernanceClient client, string sourceId, string targetId, string relation = "TRAINED_ON")
        => Id(await client.MutateAsync(Ops.AddLineageEdge, new { sourceId, targetId, relation }), "lineageEdge");

    /// <summary>Records a deployment of a version (by default where no deployment policy gates it); returns its ID.</summary>
    public static async Task<string> DeploymentAsync(this GovernanceClient client, string modelVersionId, string environment = "development")
        => Id(await client.MutateAsync(Ops.RecordDeployment, new { modelVersionId, environment }), "deployment");

    /// <summary>Requests a stage change that must not be refused; returns the payload.</summary>
    public static Task<JsonElement> PromoteAsync(this GovernanceClient client, string modelVersionId, string targetStage, string reason = "ready")
        => client.MutateAsync(Ops.PromoteModelVersion, new { modelVersionId, targetStage, reason });

    /// <summary>Requests PRODUCTION for a STAGING version under the default policy; returns the PENDING request's ID.</summary>
    public static async Task<string> PendingProductionRequestAsync(this GovernanceClient client, string modelVersionId)
    {
        var payload = await client.PromoteAsync(modelVersionId, "PRODUCTION", "ship it");
        var request = payload.GetProperty("promotionRequest");
        Assert.Equal("PENDING", request.GetProperty("status").GetString());
        return request.GetProperty("id").GetString()!;
    }

    /// <summary>Creates an API key for <paramref name="principal"/>; returns its ID.</summary>
    public static async Task<string> ApiKeyAsync(this GovernanceClient client, string principal)
        => Id(await client.MutateAsync(Ops.CreateApiKey, new { name = "tests", principal }), "apiKey");

    /// <summary>Grants a role; returns the assignment's ID.</summary>
    public static async Task<string> GrantAsync(this GovernanceClient client, string principal, string role, string scope)
        => Id(await client.MutateAsync(Ops.GrantRole, new { principal, role, scope }), "roleAssignment");

    private static string Id(JsonElement payload, string field) => payload.GetProperty(field).GetProperty("id").GetString()!;
}
