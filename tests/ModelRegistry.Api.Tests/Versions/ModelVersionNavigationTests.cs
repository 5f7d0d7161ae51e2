using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Versions;

/// <summary>The fields a client follows from a version: model, metrics, trainedOn, deployments, stageHistory, aliases.</summary>
public sealed class ModelVersionNavigationTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task A_version_leads_to_its_model_metrics_training_data_deployments_history_and_aliases()
    {
        var modelName = RegistryArrange.UniqueName("nav");
        var modelId = await client.RegisterModelAsync(modelName);
        var datasetId = await client.RegisterDatasetAsync();
        var june = await client.CreateDatasetVersionAsync(datasetId, "2026-06");
        var march = await client.CreateDatasetVersionAsync(datasetId, "2026-03");
        var created = await client.MutateAsync(Operations.CreateModelVersion, new
        {
            modelId, metrics = new[] { new { name = "auc", value = 0.9, datasetVersionId = june } }, trainedOn = new[] { june, march },
        });
        var versionId = RegistryArrange.Id(created, "modelVersion");
        await client.PromoteAsync(versionId, "STAGING");
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "candidate", modelVersionId = versionId });
        var deploymentId = await client.RecordDeploymentAsync(versionId);

        var data = await client.QueryAsync("""
            query($id: ID!) { node(id: $id) { ... on ModelVersion {
              model { id name }
              metrics { name value dataset { id version dataset { id } } }
              trainedOn { id version }
              deployments { id status }
              stageHistory { from to }
              aliases
            } } }
            """, new { id = versionId });

        var version = data.GetProperty("node");
        Assert.Equal((modelId, modelName), (version.GetProperty("model").GetProperty("id").GetString(), version.GetProperty("model").GetProperty("name").GetString()));
        var metric = Assert.Single(version.GetProperty("metrics").EnumerateArray());
        Assert.Equal(june, metric.GetProperty("dataset").GetProperty("id").GetString());
        Assert.Equal(datasetId, metric.GetProperty("dataset").GetProperty("dataset").GetProperty("id").GetString());
        Assert.Equal([june, march], version.GetProperty("trainedOn").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var deployment = Assert.Single(version.GetProperty("deployments").EnumerateArray());
        Assert.Equal((deploymentId, "ACTIVE"), (deployment.GetProperty("id").GetString(), deployment.GetProperty("status").GetString()));
        Assert.Equal(["DEVELOPMENT", "STAGING"], version.GetProperty("stageHistory").EnumerateArray().Select(t => t.GetProperty("to").GetString()));
        Assert.Equal(["candidate"], version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task The_modelVersions_root_lists_versions_of_every_model()
    {
        var first = await client.CreateVersionAsync(await client.RegisterModelAsync());
        var second = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var data = await client.QueryAsync("{ modelVersions(last: 2) { nodes { id } pageInfo { hasNextPage } } }");

        Assert.Equal([first, second], data.GetProperty("modelVersions").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
    }
}
