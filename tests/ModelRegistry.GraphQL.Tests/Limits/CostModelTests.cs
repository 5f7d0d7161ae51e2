using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>
/// The cost estimate counts objects with real bounds, and depth is counted as clients see it: a connection's
/// <c>edges</c>, <c>node</c> and <c>nodes</c> are not levels.
/// </summary>
public sealed class CostModelTests(LimitsHostFixture fixture) : IClassFixture<LimitsHostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Edges_and_node_of_nested_connections_are_not_counted_as_levels_of_depth()
    {
        // nodes + 6 × children + id = 8 levels as a client sees them; 22 if edges and node counted.
        var query = "{ nodes(first: 1) { edges { node { " + string.Concat(Enumerable.Repeat("children(first: 1) { edges { node { ", 6))
                    + "id" + new string('}', 6 * 3) + " } } } }";

        var response = await Client.PostAsync(new { query });

        Assert.Empty(response.ErrorCodes);
        var node = response.Json.GetProperty("data").GetProperty("nodes");
        for (var level = 0; level < 7; level++)
        {
            node = node.GetProperty("edges")[0].GetProperty("node");
            if (level < 6)
                node = node.GetProperty("children");
        }
        Assert.Equal("r.1.1.1.1.1.1.1", node.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Sixteen_levels_of_fields_that_are_not_connection_wrappers_are_still_refused()
    {
        var query = "{ nodes(first: 1) { nodes { " + string.Concat(Enumerable.Repeat("self { ", 14)) + "id" + new string('}', 14) + " } } }";

        var response = await Client.PostAsync(new { query });

        Assert.Equal([LimitErrorCodes.MaxDepthExceeded], response.ErrorCodes);
        Assert.Contains("16 levels", response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_sliced_list_returns_ten_by_default_and_first_items_when_asked()
    {
        var byDefault = await Client.PostAsync(new { query = "{ root { siblings { id } } }" });
        var twelve = await Client.PostAsync(new { query = "{ root { siblings(first: 12) { id } } }" });

        Assert.Equal(10, Siblings(byDefault).Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"r~{i}"), Siblings(twelve));
    }

    [Fact]
    public async Task A_slice_over_its_maximum_is_refused_with_INVALID_ARGUMENT()
    {
        var response = await Client.PostAsync(new { query = "{ root { siblings(first: 101) { id } } }" });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_slice_is_charged_at_its_first_so_nested_large_slices_are_refused_and_small_ones_run()
    {
        const string query = "query($n: Int) { root { siblings(first: $n) { siblings(first: $n) { siblings(first: $n) { id } } } } }";

        var small = await Client.PostAsync(new { query, variables = new { n = 3 } });
        var large = await Client.PostAsync(new { query, variables = new { n = 100 } });

        Assert.Empty(small.ErrorCodes);
        Assert.Equal([LimitErrorCodes.MaxComplexityExceeded], large.ErrorCodes);
        Assert.Contains("1010101", large.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    private static List<string> Siblings(GraphQLHttpResponse response)
        => [.. response.Json.GetProperty("data").GetProperty("root").GetProperty("siblings").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
