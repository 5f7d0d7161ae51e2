using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>addLineageEdge and closeLineageEdge over HTTP, with every rule that refuses an edge.</summary>
public sealed class LineageEdgeTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<string> VersionAsync() => await client.CreateVersionAsync(await client.RegisterModelAsync());

    [Fact]
    public async Task Adding_a_FINE_TUNED_FROM_edge_returns_a_live_edge_whose_ends_resolve_to_model_versions()
    {
        var baseVersion = await VersionAsync();
        var tuned = await VersionAsync();

        var payload = await client.MutateAsync(Operations.AddLineageEdge, new { sourceId = baseVersion, targetId = tuned, relation = "FINE_TUNED_FROM" });

        var edge = payload.GetProperty("lineageEdge");
        Assert.Equal("FINE_TUNED_FROM", edge.GetProperty("relation").GetString());
        Assert.Equal(("ModelVersion", baseVersion), (edge.GetProperty("source").GetProperty("__typename").GetString(), edge.GetProperty("source").GetProperty("id").GetString()));
        Assert.Equal(("ModelVersion", tuned), (edge.GetProperty("target").GetProperty("__typename").GetString(), edge.GetProperty("target").GetProperty("id").GetString()));
        Assert.Equal(TestCredentials.AdminPrincipal, edge.GetProperty("createdBy").GetString());
        Assert.Equal(JsonValueKind.Null, edge.GetProperty("validTo").ValueKind);
    }

    [Fact]
    public async Task Edge_ends_resolve_to_dataset_versions_deployments_and_consumer_applications()
    {
        var versionId = await VersionAsync();
        var datasetVersionId = await client.DatasetVersionAsync();
        var deploymentId = await client.RecordDeploymentAsync(versionId);
        var consumerDeployment = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { consumers { id } } } }", new { id = await client.RecordDeploymentAsync(versionId, "reporting") });
        var consumerId = consumerDeployment.GetProperty("node").GetProperty("consumers")[0].GetProperty("id").GetString()!;

        var evaluated = await client.MutateAsync(Operations.AddLineageEdge, new { sourceId = datasetVersionId, targetId = versionId, relation = "EVALUATED_ON" });
        var consumed = await client.MutateAsync(Operations.AddLineageEdge, new { sourceId = deploymentId, targetId = consumerId, relation = "CONSUMED_BY" });

        Assert.Equal("DatasetVersion", evaluated.GetProperty("lineageEdge").GetProperty("source").GetProperty("__typename").GetString());
        Assert.Equal(datasetVersionId, evaluated.GetProperty("lineageEdge").GetProperty("source").GetProperty("id").GetString());
        Assert.Equal("Deployment", consumed.GetProperty("lineageEdge").GetProperty("source").GetProperty("__typename").GetString());
        Assert.Equal(("ConsumerApplication", "reporting"),
            (consumed.GetProperty("lineageEdge").GetProperty("target").GetProperty("__typename").GetString(),
             consumed.GetProperty("lineageEdge").GetProperty("target").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Closing_an_edge_sets_validTo_and_takes_it_out_of_live_fields()
    {
        var datasetVersionId = await client.DatasetVersionAsync();
        var versionId = await VersionAsync();
        var edgeId = await client.AddEdgeAsync(datasetVersionId, versionId, "TRAINED_ON");

        var payload = await client.MutateAsync(Operations.CloseLineageEdge, new { id = edgeId, reason = "Wrong snapshot recorded" });

        var edge = payload.GetProperty("lineageEdge");
        Assert.Equal(edgeId, edge.GetProperty("id").GetString());
        Assert.True(edge.GetProperty("validTo").GetDateTimeOffset() >= edge.GetProperty("validFrom").GetDateTimeOffset());
        var data = await client.QueryAsync("""
            query($v: ID!, $d: ID!) { v: node(id: $v) { ... on ModelVersion { trainedOn { id } } } d: node(id: $d) { ... on DatasetVersion { usedBy { id } } } }
            """, new { v = versionId, d = datasetVersionId });
        Assert.Equal(0, data.GetProperty("v").GetProperty("trainedOn").GetArrayLength());
        Assert.Equal(0, data.GetProperty("d").GetProperty("usedBy").GetArrayLength());
    }

    [Fact]
    public async Task A_closed_edge_may_be_added_again_but_not_closed_twice()
    {
        var source = await VersionAsync();
        var target = await VersionAsync();
        var edgeId = await client.AddEdgeAsync(source, target, "DERIVED_FROM");
        await client.MutateAsync(Operations.CloseLineageEdge, new { id = edgeId, reason = "Mistake" });

        var again = await client.AddEdgeAsync(source, target, "DERIVED_FROM");
        var error = await client.MutateExpectingErrorAsync(Operations.CloseLineageEdge, new { id = edgeId, reason = "Twice" });

        Assert.NotEqual(edgeId, again);
        Assert.Equal(("VALIDATION_FAILED", "id"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Closing_an_unknown_edge_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.CloseLineageEdge, new { id = Ids.Unknown("LineageEdge"), reason = "x" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "id"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task An_edge_joining_the_wrong_kinds_of_node_is_refused_with_VALIDATION_FAILED_on_relation()
    {
        var versionId = await VersionAsync();
        var datasetVersionId = await client.DatasetVersionAsync();

        // TRAINED_ON runs from the dataset version to the model version, not the other way.
        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId = versionId, targetId = datasetVersionId, relation = "TRAINED_ON" });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "relation"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task An_edge_from_a_node_to_itself_is_refused_with_VALIDATION_FAILED()
    {
        var versionId = await VersionAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId = versionId, targetId = versionId, relation = "DERIVED_FROM" });

        Assert.Equal(("VALIDATION_FAILED", "targetId"), (error.Code, error.Field));
    }

    [Fact]
    public async Task A_second_live_edge_of_the_same_relation_between_the_same_nodes_is_refused_with_VALIDATION_FAILED()
    {
        var datasetVersionId = await client.DatasetVersionAsync();
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync(), datasetVersionId);

        // createModelVersion already recorded the TRAINED_ON edge.
        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId = datasetVersionId, targetId = versionId, relation = "TRAINED_ON" });

        Assert.Equal(("VALIDATION_FAILED", "relation"), (error.Code, error.Field));
    }

    [Fact]
    public async Task An_edge_that_would_close_a_FINE_TUNED_FROM_cycle_is_refused_with_VALIDATION_FAILED()
    {
        var a = await VersionAsync();
        var b = await VersionAsync();
        var c = await VersionAsync();
        await client.AddEdgeAsync(a, b, "FINE_TUNED_FROM");
        await client.AddEdgeAsync(b, c, "FINE_TUNED_FROM");

        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId = c, targetId = a, relation = "FINE_TUNED_FROM" });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "targetId"), (error.TypeName, error.Code, error.Field));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public async Task An_edge_to_an_unknown_node_is_refused_with_NOT_FOUND()
    {
        var versionId = await VersionAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge,
            new { sourceId = versionId, targetId = Ids.Unknown("ModelVersion"), relation = "DERIVED_FROM" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "targetId"), (error.TypeName, error.Code, error.Field));
    }

    [Theory]
    [InlineData("not an id")]
    [InlineData("TW9kZWw6MQ")]
    public async Task An_edge_whose_source_is_malformed_or_not_a_lineage_node_is_refused_with_VALIDATION_FAILED_on_sourceId(string sourceId)
    {
        // The second ID is a well-formed Model ID: models are not lineage nodes, their versions are.
        var versionId = await VersionAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId, targetId = versionId, relation = "DERIVED_FROM" });

        Assert.Equal(("VALIDATION_FAILED", "sourceId"), (error.Code, error.Field));
    }
}
