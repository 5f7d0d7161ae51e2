using System.Globalization;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>
/// Lineage and state read as of five instants between known changes: each node shows the stage, aliases, status and
/// traffic it had then, nodes created later are absent, and history never shows what the caller cannot read.
/// </summary>
public sealed class TimeTravelTests(TimeTravelHost host) : IClassFixture<TimeTravelHost>
{
    private const string NodeFragment = """
        fragment N on LineageNode {
          __typename
          ... on ModelVersion { id stage aliases }
          ... on DatasetVersion { id }
          ... on Deployment { id status trafficPercent retiredAt }
          ... on ConsumerApplication { id name }
        }
        """;

    private const string LineageQuery = NodeFragment + """
        query($id: ID!, $depth: Int, $asOf: DateTime) {
          lineage(nodeId: $id, depth: $depth, asOf: $asOf) {
            root { ...N }
            nodes { ...N }
            edges { relation source { ...N } target { ...N } }
            hiddenNodes
          }
        }
        """;

    public static TheoryData<int, string, string[], string?, int?, string[], string[]?> Instants => new()
    {
        // instant, version 1's stage, its aliases, the deployment's status, its traffic, the edges, version 2's aliases (null: absent)
        { 1, "DEVELOPMENT", [], null, null, ["TRAINED_ON"], null },
        { 2, "STAGING", ["champion"], null, null, ["TRAINED_ON"], null },
        { 3, "PRODUCTION", ["champion"], "ACTIVE", 100, ["CONSUMED_BY", "DEPLOYED_AS", "TRAINED_ON"], null },
        { 4, "PRODUCTION", [], "ACTIVE", 40, ["CONSUMED_BY", "DEPLOYED_AS", "FINE_TUNED_FROM", "TRAINED_ON"], ["champion"] },
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public async Task Lineage_as_of_an_instant_shows_each_node_and_edge_as_it_was_then(
        int instant, string stage, string[] aliases, string? status, int? traffic, string[] relations, string[]? v2Aliases)
    {
        var graph = await LineageAsync(host.A.V1, host.Between[instant]);

        var root = graph.GetProperty("root");
        Assert.Equal(host.A.V1, root.GetProperty("id").GetString());
        Assert.Equal(stage, root.GetProperty("stage").GetString());
        Assert.Equal(aliases, Strings(root.GetProperty("aliases")));
        Assert.Equal(relations, graph.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("relation").GetString()!).Order().ToArray());

        var deployment = Node(graph, host.A.Deployment);
        Assert.Equal(status, deployment?.GetProperty("status").GetString());
        Assert.Equal(traffic, deployment?.GetProperty("trafficPercent").GetInt32());
        if (deployment is { } d)
            Assert.Equal(JsonValueKind.Null, d.GetProperty("retiredAt").ValueKind);

        var v2 = Node(graph, host.A.V2);
        Assert.Equal(v2Aliases, v2 is { } found ? Strings(found.GetProperty("aliases")) : null);
        // An edge's ends are the same nodes, in the same state, as the node list.
        foreach (var edge in graph.GetProperty("edges").EnumerateArray())
        {
            foreach (var end in new[] { edge.GetProperty("source"), edge.GetProperty("target") })
                Assert.Equal(Node(graph, end.GetProperty("id").GetString()!)!.Value.ToString(), end.ToString());
        }
    }

    [Fact]
    public async Task Lineage_as_of_a_time_before_the_root_existed_is_null_not_an_empty_graph()
    {
        var response = await host.GraphQL().SendAsync(LineageQuery, new { id = host.A.V1, asOf = At(host.Between[0]) });

        response.AssertNoErrors();
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("lineage").ValueKind);
    }

    [Fact]
    public async Task A_deployment_retired_after_asOf_shows_its_status_and_traffic_of_then()
    {
        var before = (await LineageAsync(host.A.Deployment, host.Between[4], depth: 0)).GetProperty("root");
        var after = (await LineageAsync(host.A.Deployment, host.Between[5], depth: 0)).GetProperty("root");

        Assert.Equal(("ACTIVE", 40, JsonValueKind.Null), (before.GetProperty("status").GetString(), before.GetProperty("trafficPercent").GetInt32(), before.GetProperty("retiredAt").ValueKind));
        Assert.Equal(("RETIRED", 0), (after.GetProperty("status").GetString(), after.GetProperty("trafficPercent").GetInt32()));
        Assert.InRange(after.GetProperty("retiredAt").GetDateTime().ToUniversalTime(), host.ChangedAt[5], host.Between[5]);
    }

    [Fact]
    public async Task A_node_created_after_asOf_is_absent_from_the_nodes_and_the_edges()
    {
        var graph = await LineageAsync(host.A.V1, host.Between[3]);

        Assert.Null(Node(graph, host.A.V2));
        Assert.DoesNotContain(graph.GetProperty("edges").EnumerateArray(), e => e.GetProperty("relation").GetString() == "FINE_TUNED_FROM");
    }

    [Fact]
    public async Task Model_alias_asOf_names_the_version_the_alias_pointed_at_then_in_its_state_then()
    {
        const string query = """
            query($name: String!, $asOf: DateTime) {
              model(name: $name) { alias(name: "champion", asOf: $asOf) { name assignedAt version { id stage aliases } } }
            }
            """;
        async Task<JsonElement> AliasAsync(DateTime? asOf)
            => (await host.GraphQL().QueryAsync(query, new { name = host.A.Name, asOf = asOf is { } t ? At(t) : null }))
                .GetProperty("model").GetProperty("alias");

        Assert.Equal(JsonValueKind.Null, (await AliasAsync(host.Between[1])).ValueKind);
        var atTwo = await AliasAsync(host.Between[2]);
        Assert.Equal((host.A.V1, "STAGING"), (atTwo.GetProperty("version").GetProperty("id").GetString(), atTwo.GetProperty("version").GetProperty("stage").GetString()));
        Assert.InRange(atTwo.GetProperty("assignedAt").GetDateTime().ToUniversalTime(), host.ChangedAt[2], host.Between[2]);
        Assert.Equal(host.A.V1, (await AliasAsync(host.Between[3])).GetProperty("version").GetProperty("id").GetString());
        Assert.Equal(host.A.V2, (await AliasAsync(host.Between[4])).GetProperty("version").GetProperty("id").GetString());
        var now = await AliasAsync(null);
        Assert.Equal(host.A.V2, now.GetProperty("version").GetProperty("id").GetString());
        Assert.Equal(["champion"], Strings(now.GetProperty("version").GetProperty("aliases")));
    }

    [Fact]
    public async Task Model_alias_that_was_never_set_is_null()
    {
        var data = await host.GraphQL().QueryAsync("query($name: String!) { model(name: $name) { alias(name: \"nope\") { name } } }", new { name = host.A.Name });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("model").GetProperty("alias").ValueKind);
    }

    [Fact]
    public async Task StageAt_answers_the_stage_at_each_instant_and_null_before_the_version_existed()
    {
        const string query = """
            query($id: ID!, $t0: DateTime!, $t1: DateTime!, $t2: DateTime!, $t3: DateTime!, $t5: DateTime!) {
              node(id: $id) { ... on ModelVersion { stage t0: stageAt(time: $t0) t1: stageAt(time: $t1) t2: stageAt(time: $t2) t3: stageAt(time: $t3) t5: stageAt(time: $t5) } }
            }
            """;
        var version = (await host.GraphQL().QueryAsync(query, new
        {
            id = host.A.V1, t0 = At(host.Between[0]), t1 = At(host.Between[1]), t2 = At(host.Between[2]), t3 = At(host.Between[3]), t5 = At(host.Between[5]),
        })).GetProperty("node");

        Assert.Equal(JsonValueKind.Null, version.GetProperty("t0").ValueKind);
        Assert.Equal(
            ["DEVELOPMENT", "STAGING", "PRODUCTION", "PRODUCTION"],
            new[] { "t1", "t2", "t3", "t5" }.Select(t => version.GetProperty(t).GetString()!).ToArray());
    }

    [Fact]
    public async Task Deployment_history_lists_the_recording_and_each_status_and_traffic_change_with_who_and_why()
    {
        var data = await host.GraphQL().QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on Deployment { history { sequence at by reason from to trafficBefore trafficPercent } } } }",
            new { id = host.A.Deployment });
        var history = data.GetProperty("node").GetProperty("history").EnumerateArray().ToList();

        Assert.Equal(
            [
                (null, "ACTIVE", null, 100, null),
                ("ACTIVE", "ACTIVE", 100, 40, "canary of version 2"),
                ("ACTIVE", "RETIRED", 40, 0, "replaced by version 2"),
            ],
            history.Select(h => (Text(h, "from"), Text(h, "to")!, Int(h, "trafficBefore"), Int(h, "trafficPercent"), Text(h, "reason"))).ToArray());
        Assert.All(history, h => Assert.Equal("bootstrap-admin", h.GetProperty("by").GetString()));
        for (var i = 0; i < 3; i++)
            Assert.InRange(history[i].GetProperty("at").GetDateTime().ToUniversalTime(), host.ChangedAt[i + 3], host.Between[i + 3]);
        Assert.True(history[0].GetProperty("sequence").GetInt64() < history[1].GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task RegistryEvents_order_descending_reads_newest_first_and_last_pages_from_the_end()
    {
        const string query = """
            query($last: Int, $first: Int, $before: String, $order: [RegistryEventSortInput!]) {
              registryEvents(last: $last, first: $first, before: $before, order: $order) { nodes { sequence } pageInfo { startCursor hasPreviousPage } }
            }
            """;
        var client = host.GraphQL();
        var all = (await host.AuditEventsAsync()).Select(e => e.Sequence).ToList();

        var newest = await client.QueryAsync(query, new { first = 3, order = new[] { new { sequence = "DESC" } } });
        var tail = await client.QueryAsync(query, new { last = 2 });
        var beforeTail = await client.QueryAsync(query, new { last = 2, before = Connection(tail).GetProperty("pageInfo").GetProperty("startCursor").GetString() });

        Assert.Equal(all.TakeLast(3).Reverse(), Sequences(newest));
        Assert.Equal(all.TakeLast(2), Sequences(tail));
        Assert.True(Connection(tail).GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(all.SkipLast(2).TakeLast(2), Sequences(beforeTail));
    }

    [Fact]
    public async Task Version_lineage_and_alias_lineage_answer_in_one_round_trip()
    {
        const string query = NodeFragment + """
            query($name: String!, $id: ID!, $asOf: DateTime) {
              node(id: $id) { ... on ModelVersion { lineage(depth: 1, relations: [DEPLOYED_AS]) { nodes { ...N } } } }
              model(name: $name) {
                champion: alias(name: "champion") { lineage(depth: 1, relations: [FINE_TUNED_FROM], direction: UPSTREAM) { root { ...N } nodes { ...N } } }
                then: alias(name: "champion", asOf: $asOf) { lineage(depth: 1) { root { ...N } nodes { ...N } } }
              }
            }
            """;
        var data = await host.GraphQL().QueryAsync(query, new { name = host.A.Name, id = host.A.V1, asOf = At(host.Between[3]) });

        // The deployment retired at step 5, which closed its DEPLOYED_AS edge: the live lineage no longer reaches it.
        Assert.Equal([host.A.V1], Ids(data.GetProperty("node").GetProperty("lineage")));
        var champion = data.GetProperty("model").GetProperty("champion").GetProperty("lineage");
        Assert.Equal([host.A.V2, host.A.V1], Ids(champion));
        // Read through an alias as of a time, the lineage defaults to that time: version 1 in PRODUCTION, its deployment at 100%.
        var then = data.GetProperty("model").GetProperty("then").GetProperty("lineage");
        Assert.Equal((host.A.V1, "PRODUCTION"), (then.GetProperty("root").GetProperty("id").GetString(), then.GetProperty("root").GetProperty("stage").GetString()));
        Assert.Equal(100, Node(then, host.A.Deployment)!.Value.GetProperty("trafficPercent").GetInt32());
        Assert.Null(Node(then, host.A.V2));
    }

    [Fact]
    public async Task A_team_a_viewer_gets_no_history_of_team_b()
    {
        var reader = host.TeamAReader;

        var shared = (await reader.QueryAsync(LineageQuery, new { id = host.SharedDatasetVersion, depth = 1, asOf = At(host.Between[3]) })).GetProperty("lineage");
        var lineage = await reader.SendAsync(LineageQuery, new { id = host.B.Version, asOf = At(host.Between[3]) });
        var deployment = await reader.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { history { to } } } }", new { id = host.B.Deployment });
        var model = await reader.QueryAsync("query($name: String!, $asOf: DateTime) { model(name: $name) { alias(name: \"champion\", asOf: $asOf) { name } } }",
            new { name = host.B.Name, asOf = At(host.Between[5]) });
        var events = await reader.QueryAsync("{ registryEvents(last: 100, order: [{ sequence: DESC }]) { nodes { model { name } } } }");

        Assert.Equal([host.SharedDatasetVersion, host.A.V1], Ids(shared));
        Assert.Equal(1, shared.GetProperty("hiddenNodes").GetInt32());
        Assert.Equal("NOT_FOUND", Assert.Single(lineage.Errors).GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("node").ValueKind);
        Assert.Equal(JsonValueKind.Null, model.GetProperty("model").ValueKind);
        Assert.DoesNotContain(Connection(events).GetProperty("nodes").EnumerateArray(),
            e => e.GetProperty("model").ValueKind != JsonValueKind.Null && e.GetProperty("model").GetProperty("name").GetString() == host.B.Name);
    }

    private async Task<JsonElement> LineageAsync(string id, DateTime asOf, int? depth = null)
    {
        var lineage = (await host.GraphQL().QueryAsync(LineageQuery, new { id, depth, asOf = At(asOf) })).GetProperty("lineage");
        Assert.Equal(JsonValueKind.Object, lineage.ValueKind);
        return lineage;
    }

    private static JsonElement? Node(JsonElement graph, string id)
        => graph.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("id").GetString() == id).Cast<JsonElement?>().SingleOrDefault();

    private static string[] Ids(JsonElement graph) => graph.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToArray();

    private static string[] Strings(JsonElement list) => list.EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static string? Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    private static int? Int(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetInt32();

    private static JsonElement Connection(JsonElement data) => data.GetProperty("registryEvents");

    private static long[] Sequences(JsonElement data) => Connection(data).GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()).ToArray();

    private static string At(DateTime utc) => utc.ToString("O", CultureInfo.InvariantCulture);
}
