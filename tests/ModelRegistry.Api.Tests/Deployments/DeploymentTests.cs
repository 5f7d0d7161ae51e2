using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Deployments;

/// <summary>recordDeployment, updateDeploymentStatus and the deployment fields over HTTP.</summary>
public sealed class DeploymentTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<string> VersionAsync() => await client.CreateVersionAsync(await client.RegisterModelAsync());

    [Fact]
    public async Task Recording_a_deployment_returns_it_ACTIVE_with_its_consumers_in_name_order()
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "STAGING", "PRODUCTION");
        var portal = RegistryArrange.UniqueName("portal");
        var notebook = RegistryArrange.UniqueName("notebook");

        var payload = await client.MutateAsync(Operations.RecordDeployment, new
        {
            modelVersionId = versionId, environment = "production", endpoint = "https://ml.example/tox", platform = "kserve", trafficPercent = 80,
            consumers = new[] { portal, notebook, portal },
        });

        var deployment = payload.GetProperty("deployment");
        Assert.Equal("ACTIVE", deployment.GetProperty("status").GetString());
        Assert.Equal("production", deployment.GetProperty("environment").GetString());
        Assert.Equal("https://ml.example/tox", deployment.GetProperty("endpoint").GetString());
        Assert.Equal("kserve", deployment.GetProperty("platform").GetString());
        Assert.Equal(80, deployment.GetProperty("trafficPercent").GetInt32());
        Assert.Equal(TestCredentials.AdminPrincipal, deployment.GetProperty("deployedBy").GetString());
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("retiredAt").ValueKind);
        Assert.Equal(versionId, deployment.GetProperty("modelVersion").GetProperty("id").GetString());
        Assert.Equal(new[] { notebook, portal }.Order(), deployment.GetProperty("consumers").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_consumer_named_by_two_deployments_is_one_application_listing_both()
    {
        var consumer = RegistryArrange.UniqueName("gateway");
        var first = await client.RecordDeploymentAsync(await VersionAsync(), consumer);
        var second = await client.RecordDeploymentAsync(await VersionAsync(), consumer);

        var data = await client.QueryAsync("""
            query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { consumers { id name deployments { id modelVersion { id } } } } } }
            """, new { ids = new[] { first, second } });

        var consumers = data.GetProperty("nodes").EnumerateArray().Select(n => Assert.Single(n.GetProperty("consumers").EnumerateArray())).ToList();
        Assert.Equal(consumers[0].GetProperty("id").GetString(), consumers[1].GetProperty("id").GetString());
        Assert.Equal([first, second], consumers[0].GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Traffic_above_100_percent_is_refused_with_VALIDATION_FAILED_on_trafficPercent()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RecordDeployment,
            new { modelVersionId = await VersionAsync(), environment = "production", trafficPercent = 101 });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "trafficPercent"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Deploying_an_archived_version_anywhere_is_refused_with_DEPLOYMENT_POLICY_VIOLATION()
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "ARCHIVED");

        var error = await client.MutateExpectingErrorAsync(Operations.RecordDeployment, new { modelVersionId = versionId, environment = "development" });

        Assert.Equal(("DEPLOYMENT_POLICY_VIOLATION", "modelVersionId"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Deploying_an_unknown_version_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RecordDeployment,
            new { modelVersionId = Ids.Unknown("ModelVersion"), environment = "production" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "modelVersionId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task A_consumer_name_that_is_not_url_safe_is_refused_with_VALIDATION_FAILED_on_consumers()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RecordDeployment,
            new { modelVersionId = await VersionAsync(), environment = "production", consumers = new[] { "Bad Name" } });

        Assert.Equal(("VALIDATION_FAILED", "consumers"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Draining_a_deployment_changes_its_status_and_traffic()
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());

        var payload = await client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "DRAINING", trafficPercent = 10, reason = "Canary of v2" });

        var deployment = payload.GetProperty("deployment");
        Assert.Equal(("DRAINING", 10), (deployment.GetProperty("status").GetString(), deployment.GetProperty("trafficPercent").GetInt32()));
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("retiredAt").ValueKind);
    }

    [Fact]
    public async Task Retiring_a_deployment_stamps_retiredAt_and_drops_traffic_to_zero()
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());

        var payload = await client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "RETIRED", reason = "Replaced" });

        var deployment = payload.GetProperty("deployment");
        Assert.Equal(("RETIRED", 0), (deployment.GetProperty("status").GetString(), deployment.GetProperty("trafficPercent").GetInt32()));
        Assert.True(deployment.GetProperty("retiredAt").GetDateTimeOffset() >= deployment.GetProperty("deployedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("DRAINING")]
    [InlineData("RETIRED")]
    public async Task A_retired_deployment_cannot_change_status_and_is_refused_with_INVALID_TRANSITION(string status)
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());
        await client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "RETIRED" });

        var error = await client.MutateExpectingErrorAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status });

        Assert.Equal(("InvalidTransitionError", "INVALID_TRANSITION", "status"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Setting_the_current_status_without_a_traffic_change_is_refused_with_INVALID_TRANSITION()
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());

        var error = await client.MutateExpectingErrorAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "ACTIVE" });

        Assert.Equal(("INVALID_TRANSITION", "status"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Updating_traffic_above_100_percent_is_refused_with_VALIDATION_FAILED()
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());

        var error = await client.MutateExpectingErrorAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "ACTIVE", trafficPercent = 150 });

        Assert.Equal(("VALIDATION_FAILED", "trafficPercent"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Updating_an_unknown_deployment_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.UpdateDeploymentStatus, new { id = Ids.Unknown("Deployment"), status = "ACTIVE" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "id"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task The_deployments_root_lists_recorded_deployments()
    {
        var deploymentId = await client.RecordDeploymentAsync(await VersionAsync());

        var data = await client.QueryAsync("{ deployments(first: 100) { totalCount nodes { id } } }");

        Assert.Contains(deploymentId, data.GetProperty("deployments").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }
}
