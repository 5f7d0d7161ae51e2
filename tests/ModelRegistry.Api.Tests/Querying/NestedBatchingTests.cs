using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ModelRegistry.Api.Tests.Querying;

/// <summary>Nested lists stay batched: the SQL a request costs depends on its depth, not on how many parents it reads.</summary>
[Collection(QueryingCollection.Name)]
public sealed class NestedBatchingTests(QueryingRegistry registry, ITestOutputHelper output)
{
    private const string DeepQuery = """
        query($n: Int) { models(first: $n) { nodes { versions { nodes {
            metrics { name } trainedOn { version } deployments { consumers { name } } } } } } }
        """;

    [Fact]
    public async Task Five_and_fifty_models_with_their_versions_metrics_datasets_deployments_and_consumers_cost_the_same_few_statements()
    {
        var (fiveCount, five) = await CountAsync(DeepQuery, new { n = 5 });
        var (fiftyCount, fifty) = await CountAsync(DeepQuery, new { n = 50 });

        var versions = Nodes(fifty["models"]!).SelectMany(m => Nodes(m["versions"]!)).ToList();
        Assert.Equal(50, Nodes(fifty["models"]!).Count());
        Assert.Equal(registry.Catalogue.Versions.Count(v => registry.Catalogue.Models.IndexOf(v.Model) < 50), versions.Count);
        Assert.Contains(versions, v => v["deployments"]!.AsArray().Any(d => d!["consumers"]!.AsArray().Count > 0));
        Assert.All(versions, v => Assert.Single(v["trainedOn"]!.AsArray()));
        Assert.Equal(5, Nodes(five["models"]!).Count());
        output.WriteLine($"first: 5 -> {fiveCount} statements, first: 50 -> {fiftyCount} statements");
        Assert.True(fiveCount == fiftyCount, $"5 models: {fiveCount} statements, 50 models: {fiftyCount}:\n{string.Join("\n---\n", registry.Sql.Commands)}");
        Assert.True(fiftyCount <= 8, $"{fiftyCount} statements:\n{string.Join("\n---\n", registry.Sql.Commands)}");
    }

    [Fact]
    public async Task Aliased_nested_lists_with_different_filters_are_separate_batches_with_their_own_rows()
    {
        var (count, data) = await CountAsync("""
            { models(first: 30) { nodes { id
                live: versions(where: { stage: { in: [STAGING, PRODUCTION] } }, order: [{ number: DESC }]) { nodes { id } totalCount }
                all: versions { nodes { id } }
                draining: deployments(where: { status: { eq: DRAINING } }) { nodes { id } } } } }
            """);

        foreach (var model in Nodes(data["models"]!))
        {
            var seeded = registry.Catalogue.Models.Single(m => m.Id == model["id"]!.GetValue<string>());
            var versions = registry.Catalogue.Versions.Where(v => v.Model == seeded).ToList();
            var live = versions.Where(v => v.Stage is "STAGING" or "PRODUCTION").OrderByDescending(v => v.Number).Select(v => v.Id).ToList();
            Assert.Equal(live, QueryingCatalogue.Ids(model["live"]!));
            Assert.Equal(live.Count, model["live"]!["totalCount"]!.GetValue<int>());
            Assert.Equal(versions.OrderBy(v => v.Number).Select(v => v.Id), QueryingCatalogue.Ids(model["all"]!));
            Assert.Equal(registry.Catalogue.Deployments.Where(d => d.Version.Model == seeded && d.Status == "DRAINING").Select(d => d.Id),
                QueryingCatalogue.Ids(model["draining"]!));
        }
        Assert.True(count <= 5, $"{count} statements:\n{string.Join("\n---\n", registry.Sql.Commands)}");
    }

    private async Task<(int Count, JsonObject Data)> CountAsync(string query, object? variables = null)
    {
        registry.Sql.Reset();
        var data = await registry.QueryAsync(query, variables);
        return (registry.Sql.Commands.Count, data);
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode connection) => connection["nodes"]!.AsArray().Select(n => n!);
}
