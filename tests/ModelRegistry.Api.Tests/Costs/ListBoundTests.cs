using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.Api.Tests.Costs;

/// <summary>
/// Plain lists that can grow without bound are sliced by <c>first</c>, and every list of objects has a bound the cost
/// estimate charges for, so a lineage picture cannot carry hundreds of items per node that the estimate counted as ten.
/// </summary>
public sealed class ListBoundTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private const string UsedBy = "query($id: ID!, $n: Int) { node(id: $id) { ... on DatasetVersion { usedBy(first: $n) { id } } } }";
    private const string UsedByDefault = "query($id: ID!) { node(id: $id) { ... on DatasetVersion { usedBy { id } } } }";
    private const string ConsumerDeployments = """
        query($id: ID!, $n: Int) { node(id: $id) { ... on ConsumerApplication { deployments(first: $n) { id } } } }
        """;

    [Fact]
    public void Every_list_of_objects_in_the_schema_has_a_bound_the_cost_estimate_knows()
    {
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var unbounded = new List<string>();
        foreach (var type in schema.AllTypes.Where(t => t is IObjectGraphType or IInterfaceGraphType).Cast<IComplexGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            foreach (var field in type.Fields)
            {
                var returns = field.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : field.ResolvedType;
                if (returns is not ListGraphType list || list.ResolvedType!.GetNamedType() is ScalarGraphType)
                    continue;
                var pageOfConnection = field.Name is "edges" or "nodes" && type.GetField("pageInfo") is not null;
                var sliced = field.Arguments?.Any(a => a.Name is "first" or "last" or "ids") == true;
                if (!pageOfConnection && !sliced && ListBounds.DeclaredBound(field) is null)
                    unbounded.Add($"{type.Name}.{field.Name}");
            }
        }

        Assert.Empty(unbounded);
    }

    [Fact]
    public async Task A_dataset_version_used_by_twelve_versions_lists_ten_by_default_and_all_twelve_when_asked()
    {
        var datasetVersion = await client.DatasetVersionAsync();
        var modelId = await client.RegisterModelAsync();
        var versions = new List<string>();
        for (var i = 0; i < 12; i++)
            versions.Add(await client.CreateVersionAsync(modelId, datasetVersion));

        var byDefault = Ids(await client.QueryAsync(UsedByDefault, new { id = datasetVersion }), "usedBy");
        var twelve = Ids(await client.QueryAsync(UsedBy, new { id = datasetVersion, n = 12 }), "usedBy");
        var three = Ids(await client.QueryAsync(UsedBy, new { id = datasetVersion, n = 3 }), "usedBy");

        Assert.Equal(versions.Take(10), byDefault);
        Assert.Equal(versions, twelve);
        Assert.Equal(versions.Take(3), three);
    }

    [Fact]
    public async Task A_consumer_lists_the_first_deployments_it_reads_in_the_order_they_were_recorded()
    {
        var consumer = RegistryArrange.UniqueName("consumer");
        var deployments = new List<string>();
        for (var i = 0; i < 4; i++)
            deployments.Add(await client.RecordDeploymentAsync(await client.CreateVersionAsync(await client.RegisterModelAsync()), consumer));
        var consumerId = (await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { consumers { id } } } }", new { id = deployments[0] }))
            .GetProperty("node").GetProperty("consumers")[0].GetProperty("id").GetString();

        var two = Ids(await client.QueryAsync(ConsumerDeployments, new { id = consumerId, n = 2 }), "deployments");
        var all = Ids(await client.QueryAsync(ConsumerDeployments, new { id = consumerId, n = 100 }), "deployments");

        Assert.Equal(deployments.Take(2), two);
        Assert.Equal(deployments, all);
    }

    [Theory]
    [InlineData(101, "exceeds the maximum of 100")]
    [InlineData(-1, "must not be negative")]
    public async Task A_slice_over_the_maximum_or_below_zero_is_INVALID_ARGUMENT(int first, string message)
    {
        var datasetVersion = await client.DatasetVersionAsync();

        var response = await client.SendAsync(UsedBy, new { id = datasetVersion, n = first });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Contains(message, response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Slices_are_charged_at_their_first_so_nested_large_slices_are_refused_before_they_run()
    {
        var datasetVersion = await client.DatasetVersionAsync();
        const string nested = """
            query($id: ID!, $n: Int) { node(id: $id) { ... on DatasetVersion {
              usedBy(first: $n) { trainedOn(first: $n) { usedBy(first: $n) { deployments(first: $n) { id } } } } } } }
            """;

        var small = await client.SendAsync(nested, new { id = datasetVersion, n = 5 });
        var large = await client.SendAsync(nested, new { id = datasetVersion, n = 100 });

        Assert.Empty(small.ErrorCodes);
        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], large.ErrorCodes);
    }

    private static List<string> Ids(JsonElement data, string list)
        => [.. data.GetProperty("node").GetProperty(list).EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
