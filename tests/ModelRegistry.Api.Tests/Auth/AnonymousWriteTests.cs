using System.Net;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Auth;

/// <summary>Callers without credentials in Development: they may read everything but change nothing.</summary>
public sealed class AnonymousWriteTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient admin = factory.GraphQL();
    private readonly GraphQLClient anonymous = factory.AnonymousGraphQL();

    /// <summary>Every mutation of the registry, by name.</summary>
    public static TheoryData<string> Mutations =>
    [
        "registerModel", "updateModel", "setModelAlias", "createModelVersion", "promoteModelVersion", "restoreModelVersion",
        "registerDataset", "createDatasetVersion", "addLineageEdge", "closeLineageEdge", "recordDeployment", "updateDeploymentStatus",
        "createApiKey", "grantRole", "setPromotionPolicy",
    ];

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Anonymous_mutations_are_refused_with_UNAUTHENTICATED_and_write_nothing(string mutation)
    {
        var (document, input) = await ArrangeAsync(mutation);
        var eventsBefore = (await factory.AuditEventsAsync()).Count;

        var error = await anonymous.MutateExpectingErrorAsync(document, input);

        Assert.Equal("UNAUTHENTICATED", error.Code);
        Assert.NotEqual("", error.Message.Trim());
        Assert.Equal(eventsBefore, (await factory.AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task An_anonymous_registerModel_leaves_the_name_free_for_a_signed_in_caller()
    {
        var name = RegistryArrange.UniqueName("anon");
        await anonymous.MutateExpectingErrorAsync(Operations.RegisterModel, new { name, task = "CLASSIFICATION", owner = "test-team" });

        var lookup = await anonymous.QueryAsync("query($name: String!) { model(name: $name) { id } }", new { name });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lookup.GetProperty("model").ValueKind);
        await admin.RegisterModelAsync(name);
    }

    [Fact]
    public async Task Anonymous_callers_read_what_the_admin_wrote_in_Development()
    {
        var name = RegistryArrange.UniqueName("readable");
        await admin.RegisterModelAsync(name);

        var data = await anonymous.QueryAsync("query($name: String!) { model(name: $name) { name createdBy } }", new { name });

        Assert.Equal(name, data.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(TestCredentials.AdminPrincipal, data.GetProperty("model").GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task An_unknown_api_key_gets_401_with_UNAUTHENTICATED()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(TestCredentials.Header, "not-a-key-of-this-registry");
        var client = new GraphQLClient(http);

        var response = await client.SendAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.False(response.Root.TryGetProperty("data", out _), $"A refused request must not carry data: {response.Body}");
    }

    [Fact]
    public async Task An_unknown_api_key_cannot_write_either()
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(TestCredentials.Header, TestCredentials.AdminKey + "x");
        var eventsBefore = (await factory.AuditEventsAsync()).Count;

        var response = await new GraphQLClient(http).SendAsync(Operations.RegisterModel,
            new { input = new { name = RegistryArrange.UniqueName("forged"), task = "CLASSIFICATION", owner = "test-team" } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.Equal(eventsBefore, (await factory.AuditEventsAsync()).Count);
    }

    // Each mutation gets an input that the admin could run successfully, so the refusal can only be about credentials.
    private async Task<(string Document, object Input)> ArrangeAsync(string mutation)
    {
        switch (mutation)
        {
            case "registerModel":
                return (Operations.RegisterModel, new { name = RegistryArrange.UniqueName("anon"), task = "CLASSIFICATION", owner = "test-team" });
            case "registerDataset":
                return (Operations.RegisterDataset, new { name = RegistryArrange.UniqueName("anon-data") });
            case "createApiKey":
                return (Operations.CreateApiKey, new { name = "anonymous key", principal = "someone" });
            case "grantRole":
                return (Operations.GrantRole, new { principal = "anonymous", role = "ADMIN", scope = "global" });
            case "setPromotionPolicy":
                return (Operations.SetPromotionPolicy, new { targetStage = "STAGING", requiredApprovals = 0 });
        }
        var modelId = await admin.RegisterModelAsync();
        switch (mutation)
        {
            case "updateModel":
                return (Operations.UpdateModel, new { id = modelId, description = "Rewritten anonymously" });
            case "createModelVersion":
                return (Operations.CreateModelVersion, new { modelId });
        }
        var versionId = await admin.CreateVersionAsync(modelId);
        switch (mutation)
        {
            case "setModelAlias":
                return (Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = versionId });
            case "promoteModelVersion":
                return (Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "STAGING", reason = "anonymous" });
            case "restoreModelVersion":
                await admin.PromoteAsync(versionId, "ARCHIVED");
                return (Operations.RestoreModelVersion, new { modelVersionId = versionId, reason = "anonymous" });
        }
        var datasetId = await admin.RegisterDatasetAsync();
        switch (mutation)
        {
            case "createDatasetVersion":
                return (Operations.CreateDatasetVersion, new { datasetId, version = "v1" });
            case "addLineageEdge":
                return (Operations.AddLineageEdge, new { sourceId = await admin.CreateDatasetVersionAsync(datasetId), targetId = versionId, relation = "TRAINED_ON" });
            case "closeLineageEdge":
                var edgeId = await admin.AddEdgeAsync(await admin.CreateDatasetVersionAsync(datasetId), versionId, "TRAINED_ON");
                return (Operations.CloseLineageEdge, new { id = edgeId, reason = "anonymous" });
        }
        await admin.PromoteAsync(versionId, "STAGING");
        switch (mutation)
        {
            case "recordDeployment":
                return (Operations.RecordDeployment, new { modelVersionId = versionId, environment = "staging", trafficPercent = 100 });
            case "updateDeploymentStatus":
                return (Operations.UpdateDeploymentStatus, new { id = await admin.RecordDeploymentAsync(versionId), status = "ACTIVE" });
        }
        throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "No arrangement for this mutation.");
    }
}
