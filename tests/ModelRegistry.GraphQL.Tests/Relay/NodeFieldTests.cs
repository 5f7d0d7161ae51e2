using System.Text.Json;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Relay;

/// <summary><c>node(id:)</c> and <c>nodes(ids:)</c> over HTTP.</summary>
public sealed class NodeFieldTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    private readonly HttpClient _client = fixture.Host.Client;

    [Fact]
    public async Task Node_fetches_an_object_by_its_global_id()
    {
        var id = GlobalId.Encode("Thing", 7);

        var response = await _client.PostAsync(new { query = "query($id: ID!) { node(id: $id) { __typename id ... on Thing { name } } }", variables = new { id } });

        var node = response.Json.GetProperty("data").GetProperty("node");
        Assert.Equal("Thing", node.GetProperty("__typename").GetString());
        Assert.Equal(id, node.GetProperty("id").GetString());
        Assert.Equal("thing-07", node.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Thing", "999")]
    [InlineData("Unknown", "1")]
    public async Task A_well_formed_unknown_id_gives_null_without_errors(string type, string key)
    {
        var response = await _client.PostAsync(new { query = "query($id: ID!) { node(id: $id) { id } }", variables = new { id = GlobalId.Encode(type, key) } });

        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").GetProperty("node").ValueKind);
        Assert.Empty(response.ErrorCodes);
    }

    [Fact]
    public async Task A_malformed_id_is_refused_with_INVALID_ARGUMENT()
    {
        var response = await _client.PostAsync(new { query = "{ node(id: \"%%not-an-id%%\") { id } }" });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task Nodes_keeps_order_and_puts_null_for_unknown_and_malformed_ids()
    {
        var ids = new[] { GlobalId.Encode("Thing", 3), GlobalId.Encode("Thing", 404), "%%bad%%", GlobalId.Encode("Thing", 1) };

        var response = await _client.PostAsync(new { query = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Thing { name } } }", variables = new { ids } });

        var nodes = response.Json.GetProperty("data").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal("thing-03", nodes[0].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, nodes[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, nodes[2].ValueKind);
        Assert.Equal("thing-01", nodes[3].GetProperty("name").GetString());
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("[\"nodes\",2]", error.GetProperty("path").GetRawText());
    }

    [Fact]
    public async Task A_connection_field_pages_with_total_count_and_cursors()
    {
        const string query = "query($after: String) { things(first: 10, after: $after) { totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        var names = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var response = await _client.PostAsync(new { query, variables = new { after } });
            var things = response.Json.GetProperty("data").GetProperty("things");
            Assert.Equal(25, things.GetProperty("totalCount").GetInt32());
            names.AddRange(things.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!));
            var pageInfo = things.GetProperty("pageInfo");
            Assert.Equal(pages > 0, pageInfo.GetProperty("hasPreviousPage").GetBoolean());
            pages++;
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
                break;
            after = pageInfo.GetProperty("endCursor").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"thing-{i:D2}"), names);
    }

    [Fact]
    public async Task A_page_over_the_maximum_is_refused_with_INVALID_ARGUMENT_over_http()
    {
        var response = await _client.PostAsync(new { query = "{ things(first: 101) { totalCount } }" });

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Contains("maximum of 100", response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
    }
}
