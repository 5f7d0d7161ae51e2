using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Models;

/// <summary>The fields a client follows from a model: versions, latestVersion, version(number), aliases, deployments.</summary>
public sealed class ModelNavigationTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string ModelQuery = """
        query($id: ID!) { node(id: $id) { ... on Model {
          versions(first: 10) { totalCount nodes { id number } }
          latestVersion { id number }
          second: version(number: 2) { id number }
          missing: version(number: 99) { id }
          aliases { name version { id } }
          deployments(first: 10) { totalCount nodes { id environment modelVersion { id } } }
        } } }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task A_model_lists_its_versions_latest_version_version_by_number_aliases_and_deployments()
    {
        var modelId = await client.RegisterModelAsync();
        var v1 = await client.CreateVersionAsync(modelId);
        var v2 = await client.CreateVersionAsync(modelId);
        var v3 = await client.CreateVersionAsync(modelId);
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = v2 });
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "challenger", modelVersionId = v3 });
        var deploymentId = await client.RecordDeploymentAsync(v2, "portal");

        var model = (await client.QueryAsync(ModelQuery, new { id = modelId })).GetProperty("node");

        Assert.Equal(3, model.GetProperty("versions").GetProperty("totalCount").GetInt32());
        Assert.Equal([v1, v2, v3], model.GetProperty("versions").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal([1, 2, 3], model.GetProperty("versions").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("number").GetInt32()));
        Assert.Equal(v3, model.GetProperty("latestVersion").GetProperty("id").GetString());
        Assert.Equal(v2, model.GetProperty("second").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("missing").ValueKind);
        Assert.Equal([("challenger", v3), ("champion", v2)],
            model.GetProperty("aliases").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("version").GetProperty("id").GetString())));
        var deployment = Assert.Single(model.GetProperty("deployments").GetProperty("nodes").EnumerateArray());
        Assert.Equal(deploymentId, deployment.GetProperty("id").GetString());
        Assert.Equal(v2, deployment.GetProperty("modelVersion").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_model_without_versions_has_no_latest_version_and_empty_lists()
    {
        var modelId = await client.RegisterModelAsync();

        var model = (await client.QueryAsync(ModelQuery, new { id = modelId })).GetProperty("node");

        Assert.Equal(0, model.GetProperty("versions").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("latestVersion").ValueKind);
        Assert.Equal(0, model.GetProperty("aliases").GetArrayLength());
        Assert.Equal(0, model.GetProperty("deployments").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Versions_of_several_models_in_one_query_each_belong_to_their_own_model()
    {
        var first = await client.RegisterModelAsync();
        var second = await client.RegisterModelAsync();
        var firstVersion = await client.CreateVersionAsync(first);
        var secondVersion = await client.CreateVersionAsync(second);

        var data = await client.QueryAsync("""
            query($ids: [ID!]!) { nodes(ids: $ids) { ... on Model { id latestVersion { id model { id } } } } }
            """, new { ids = new[] { first, second } });

        var nodes = data.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(firstVersion, nodes[0].GetProperty("latestVersion").GetProperty("id").GetString());
        Assert.Equal(first, nodes[0].GetProperty("latestVersion").GetProperty("model").GetProperty("id").GetString());
        Assert.Equal(secondVersion, nodes[1].GetProperty("latestVersion").GetProperty("id").GetString());
        Assert.Equal(second, nodes[1].GetProperty("latestVersion").GetProperty("model").GetProperty("id").GetString());
    }
}
