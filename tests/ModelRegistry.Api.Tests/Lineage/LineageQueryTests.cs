using System.Text.Json;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>The <c>lineage</c> query over HTTP against a real SQLite file.</summary>
public sealed class LineageQueryTests(LineageApiFactory api) : IClassFixture<LineageApiFactory>
{
    private readonly LineageScenario _scenario = new(api);

    [Fact]
    public async Task Downstream_from_a_dataset_version_reaches_every_trained_model_its_fine_tunes_deployments_and_consumers()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var other = await _scenario.CreateDatasetVersionAsync();
        var trained = await _scenario.CreateVersionAsync(data);
        var alsoTrained = await _scenario.CreateVersionAsync(data, other);
        var unrelated = await _scenario.CreateVersionAsync(other);
        var fineTuned = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(trained, fineTuned, "FINE_TUNED_FROM");
        var (deployment, consumers) = await _scenario.DeployAsync(fineTuned, "checkout", "fraud-desk");
        var (unrelatedDeployment, _) = await _scenario.DeployAsync(unrelated, "reports");

        var graph = Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 10));

        Assert.Equal(data, Root(graph));
        Assert.Equal(
            Set(data, trained, alsoTrained, fineTuned, deployment, consumers["checkout"], consumers["fraud-desk"]),
            NodeIds(graph));
        Assert.Equal(
            Set(Edge("TRAINED_ON", data, trained), Edge("TRAINED_ON", data, alsoTrained), Edge("FINE_TUNED_FROM", trained, fineTuned),
                Edge("DEPLOYED_AS", fineTuned, deployment), Edge("CONSUMED_BY", deployment, consumers["checkout"]),
                Edge("CONSUMED_BY", deployment, consumers["fraud-desk"])),
            Edges(graph));
        Assert.DoesNotContain(unrelatedDeployment, NodeIds(graph));
        Assert.False(graph.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Upstream_from_a_consumer_reaches_the_deployment_the_versions_behind_it_and_their_data()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var parent = await _scenario.CreateVersionAsync(data);
        var child = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(parent, child, "DERIVED_FROM");
        var (deployment, consumers) = await _scenario.DeployAsync(child, "billing", "support");

        var graph = Graph(await _scenario.LineageAsync(consumers["billing"], "UPSTREAM", depth: 10));

        Assert.Equal(Set(consumers["billing"], deployment, child, parent, data), NodeIds(graph));
        Assert.Equal(
            Set(Edge("CONSUMED_BY", deployment, consumers["billing"]), Edge("DEPLOYED_AS", child, deployment),
                Edge("DERIVED_FROM", parent, child), Edge("TRAINED_ON", data, parent)),
            Edges(graph));
    }

    [Fact]
    public async Task Both_walks_up_and_down_from_the_root_without_turning_back_into_sibling_branches()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var version = await _scenario.CreateVersionAsync(data);
        var sibling = await _scenario.CreateVersionAsync(data);
        var (deployment, consumers) = await _scenario.DeployAsync(version, "search");
        var (siblingDeployment, _) = await _scenario.DeployAsync(sibling, "ads");

        var defaults = Graph(await _scenario.LineageAsync(version));

        Assert.Equal(Set(version, data, deployment, consumers["search"]), NodeIds(defaults));
        Assert.Equal(Set(Edge("TRAINED_ON", data, version), Edge("DEPLOYED_AS", version, deployment),
            Edge("CONSUMED_BY", deployment, consumers["search"])), Edges(defaults));
        Assert.DoesNotContain(sibling, NodeIds(defaults));
        Assert.DoesNotContain(siblingDeployment, NodeIds(defaults));
    }

    [Fact]
    public async Task Downstream_from_a_middle_version_never_returns_what_it_was_built_from_and_upstream_never_what_it_feeds()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var parent = await _scenario.CreateVersionAsync(data);
        var middle = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(parent, middle, "FINE_TUNED_FROM");
        var (deployment, consumers) = await _scenario.DeployAsync(middle, "pricing");

        var downstream = Graph(await _scenario.LineageAsync(middle, "DOWNSTREAM", depth: 10));
        var upstream = Graph(await _scenario.LineageAsync(middle, "UPSTREAM", depth: 10));
        var both = Graph(await _scenario.LineageAsync(middle, "BOTH", depth: 10));

        Assert.Equal([middle, deployment, consumers["pricing"]], NodeList(downstream));
        Assert.Equal(
            Set(Edge("DEPLOYED_AS", middle, deployment), Edge("CONSUMED_BY", deployment, consumers["pricing"])),
            Edges(downstream));
        Assert.Equal([middle, parent, data], NodeList(upstream));
        Assert.Equal(Set(Edge("FINE_TUNED_FROM", parent, middle), Edge("TRAINED_ON", data, parent)), Edges(upstream));
        // BOTH is the two walks from the root, nearest first: one hop away on either side, then two.
        var bothNodes = NodeList(both);
        Assert.Equal(middle, bothNodes[0]);
        Assert.Equal(Set(parent, deployment), bothNodes.Skip(1).Take(2).ToHashSet());
        Assert.Equal(Set(data, consumers["pricing"]), bothNodes.Skip(3).ToHashSet());
        Assert.Equal(Edges(downstream).Union(Edges(upstream)).ToHashSet(), Edges(both));
    }

    [Theory]
    [InlineData("DOWNSTREAM", true, false)]
    [InlineData("UPSTREAM", false, true)]
    [InlineData("BOTH", true, true)]
    public async Task The_walk_statement_joins_edges_only_on_the_ends_its_direction_crosses(string direction, bool bySource, bool byTarget)
    {
        var parent = await _scenario.CreateVersionAsync();
        var child = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(parent, child, "DERIVED_FROM");

        api.Commands.Clear();
        Graph(await _scenario.LineageAsync(direction == "UPSTREAM" ? child : parent, direction, depth: 10));
        var walk = Assert.Single(api.Commands.Texts, c => c.TrimStart().StartsWith("WITH RECURSIVE", StringComparison.Ordinal));

        Assert.Equal(bySource, JoinsOn(walk, "Source"));
        Assert.Equal(byTarget, JoinsOn(walk, "Target"));
    }

    [Theory]
    [InlineData(LineageDirection.Downstream, true, false)]
    [InlineData(LineageDirection.Upstream, false, true)]
    [InlineData(LineageDirection.Both, true, true)]
    public void Each_provider_builds_the_walk_for_the_asked_direction_only(LineageDirection direction, bool bySource, bool byTarget)
    {
        var request = new LineageWalkRequest(new LineageNodeRef(LineageNodeKind.ModelVersion, 1), direction, 10, null, null);

        foreach (ILineageSqlDialect dialect in new RecursiveLineageSqlDialect[] { new SqliteLineageSqlDialect(), new PostgresLineageSqlDialect() })
        {
            var walk = dialect.BuildWalk(request).Sql;

            Assert.Equal(bySource, JoinsOn(walk, "Source"));
            Assert.Equal(byTarget, JoinsOn(walk, "Target"));
        }
    }

    [Fact]
    public async Task A_diamond_returns_each_node_and_each_edge_once()
    {
        var top = await _scenario.CreateVersionAsync();
        var left = await _scenario.CreateVersionAsync();
        var right = await _scenario.CreateVersionAsync();
        var bottom = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(top, left, "FINE_TUNED_FROM");
        await _scenario.AddEdgeAsync(top, right, "DERIVED_FROM");
        await _scenario.AddEdgeAsync(left, bottom, "DERIVED_FROM");
        await _scenario.AddEdgeAsync(right, bottom, "DERIVED_FROM");

        var graph = Graph(await _scenario.LineageAsync(top, "DOWNSTREAM", depth: 5));

        var nodes = NodeList(graph);
        Assert.Equal(4, nodes.Count);
        Assert.Equal(Set(top, left, right, bottom), nodes.ToHashSet());
        Assert.Equal(top, nodes[0]);
        Assert.Equal(bottom, nodes[^1]);
        var edges = graph.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(4, edges.Count);
        Assert.Equal(4, edges.Distinct().Count());
    }

    [Fact]
    public async Task A_cycle_among_versions_is_refused_with_VALIDATION_FAILED()
    {
        var parent = await _scenario.CreateVersionAsync();
        var child = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(parent, child, "FINE_TUNED_FROM");

        var refused = await _scenario.TryAddEdgeAsync(child, parent, "DERIVED_FROM");

        Assert.Equal(JsonValueKind.Null, refused.GetProperty("lineageEdge").ValueKind);
        Assert.Equal("VALIDATION_FAILED", refused.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_derived_dataset_version_carries_data_lineage_upstream_to_its_source_and_impact_downstream_to_the_model()
    {
        var raw = await _scenario.CreateDatasetVersionAsync();
        var cleaned = await _scenario.CreateDatasetVersionAsync();
        await _scenario.AddEdgeAsync(raw, cleaned, "DERIVED_FROM");
        var trained = await _scenario.CreateVersionAsync(cleaned);
        var (deployment, _) = await _scenario.DeployAsync(trained);

        var upstream = Graph(await _scenario.LineageAsync(trained, "UPSTREAM", depth: 10));
        var impact = Graph(await _scenario.LineageAsync(raw, "DOWNSTREAM", depth: 10));

        Assert.Equal(Set(trained, cleaned, raw), NodeIds(upstream));
        Assert.Equal(Set(Edge("TRAINED_ON", cleaned, trained), Edge("DERIVED_FROM", raw, cleaned)), Edges(upstream));
        Assert.Equal(Set(raw, cleaned, trained, deployment), NodeIds(impact));
    }

    [Theory]
    [InlineData("LineageRelation", "TRAINED_ON", "DatasetVersion (source) → ModelVersion (target)")]
    [InlineData("LineageRelation", "DERIVED_FROM", "DatasetVersion → DatasetVersion")]
    [InlineData("LineageRelation", "CONSUMED_BY", "Deployment (source) → ConsumerApplication (target)")]
    [InlineData("LineageDirection", "UPSTREAM", "from its target back to its source")]
    [InlineData("LineageDirection", "DOWNSTREAM", "from its source to its target")]
    public async Task Every_lineage_enum_value_says_in_the_schema_what_it_joins_and_which_way_it_points(string type, string value, string phrase)
    {
        var body = await api.GraphQLAsync("query($t: String!) { __type(name: $t) { description enumValues { name description } } }", new { t = type });

        var enumType = body.GetProperty("data").GetProperty("__type");
        Assert.False(string.IsNullOrWhiteSpace(enumType.GetProperty("description").GetString()));
        Assert.All(enumType.GetProperty("enumValues").EnumerateArray(),
            v => Assert.False(string.IsNullOrWhiteSpace(v.GetProperty("description").GetString()), v.GetProperty("name").GetString()));
        var described = enumType.GetProperty("enumValues").EnumerateArray().Single(v => v.GetProperty("name").GetString() == value);
        Assert.Contains(phrase, described.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_cycle_among_dataset_versions_is_refused_with_VALIDATION_FAILED()
    {
        var raw = await _scenario.CreateDatasetVersionAsync();
        var cleaned = await _scenario.CreateDatasetVersionAsync();
        await _scenario.AddEdgeAsync(raw, cleaned, "DERIVED_FROM");

        var refused = await _scenario.TryAddEdgeAsync(cleaned, raw, "DERIVED_FROM");

        Assert.Equal(JsonValueKind.Null, refused.GetProperty("lineageEdge").ValueKind);
        Assert.Equal("VALIDATION_FAILED", refused.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Contains("cycle among dataset versions", refused.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_cycle_written_straight_into_the_database_still_terminates_with_each_node_once()
    {
        var first = await _scenario.CreateVersionAsync();
        var second = await _scenario.CreateVersionAsync();
        var third = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(first, second, "FINE_TUNED_FROM");
        await _scenario.AddEdgeAsync(second, third, "DERIVED_FROM");
        await api.ExecuteSqlAsync($"""
            INSERT INTO "LineageEdges" ("SourceKind", "SourceId", "TargetKind", "TargetId", "Relation", "CreatedAt", "CreatedBy", "ValidFrom", "ValidTo")
            VALUES ('ModelVersion', {Key(third)}, 'ModelVersion', {Key(first)}, 'DerivedFrom', '2020-01-01 00:00:00', 'sql', '2020-01-01 00:00:00', NULL)
            """);

        foreach (var direction in new[] { "DOWNSTREAM", "UPSTREAM", "BOTH" })
        {
            var graph = Graph(await _scenario.LineageAsync(second, direction, depth: 10));

            Assert.Equal([second, .. Set(first, third).Order()], [NodeList(graph)[0], .. NodeList(graph).Skip(1).Order()]);
            Assert.Equal(3, graph.GetProperty("edges").GetArrayLength());
            Assert.Equal(
                Set(Edge("FINE_TUNED_FROM", first, second), Edge("DERIVED_FROM", second, third), Edge("DERIVED_FROM", third, first)),
                Edges(graph));
        }
    }

    [Fact]
    public async Task Depth_limits_the_hops_walked_and_above_ten_is_INVALID_ARGUMENT()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var parent = await _scenario.CreateVersionAsync(data);
        var child = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(parent, child, "FINE_TUNED_FROM");

        Assert.Equal(Set(data), NodeIds(Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 0))));
        Assert.Equal(Set(data, parent), NodeIds(Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 1))));
        Assert.Equal(Set(data, parent, child), NodeIds(Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 2))));
        Assert.Equal(Set(data, parent, child), NodeIds(Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 10))));

        var tooDeep = await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 11);
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(tooDeep));
        Assert.Contains("between 0 and 10", tooDeep.GetProperty("errors")[0].GetProperty("message").GetString());
        // lineage is nullable (null answers "did not exist at asOf"), so an error nulls the field, not the whole answer.
        Assert.Equal(JsonValueKind.Null, tooDeep.GetProperty("data").GetProperty("lineage").ValueKind);
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await _scenario.LineageAsync(data, depth: -1)));
    }

    [Fact]
    public async Task A_malformed_id_is_INVALID_ARGUMENT_and_an_unknown_node_is_NOT_FOUND()
    {
        var modelId = await _scenario.RegisterModelAsync();

        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await _scenario.LineageAsync("not-an-id")));
        Assert.Equal("INVALID_ARGUMENT", ErrorCode(await _scenario.LineageAsync(modelId)));
        var unknown = await _scenario.LineageAsync(Id("DatasetVersion", 987654));
        Assert.Equal("NOT_FOUND", ErrorCode(unknown));
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("data").GetProperty("lineage").ValueKind);
    }

    [Fact]
    public async Task Relations_restrict_the_walk_to_the_edges_named()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var version = await _scenario.CreateVersionAsync(data);
        var fineTuned = await _scenario.CreateVersionAsync();
        await _scenario.AddEdgeAsync(version, fineTuned, "FINE_TUNED_FROM");
        var (deployment, _) = await _scenario.DeployAsync(fineTuned, "mobile");

        var trainedOnly = Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 10, relations: ["TRAINED_ON"]));
        var modelsOnly = Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 10, relations: ["TRAINED_ON", "FINE_TUNED_FROM"]));
        var validatedOnly = Graph(await _scenario.LineageAsync(data, "DOWNSTREAM", depth: 10, relations: ["VALIDATED_ON"]));

        Assert.Equal(Set(data, version), NodeIds(trainedOnly));
        Assert.Equal(Set(data, version, fineTuned), NodeIds(modelsOnly));
        Assert.DoesNotContain(deployment, NodeIds(modelsOnly));
        Assert.Equal(Set(data), NodeIds(validatedOnly));
        Assert.Equal(0, validatedOnly.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task AsOf_sees_a_closed_edge_while_it_was_valid_and_neither_before_it_existed_nor_after_it_closed()
    {
        var parent = await _scenario.CreateVersionAsync();
        var child = await _scenario.CreateVersionAsync();
        var (edgeId, validFrom) = await _scenario.AddEdgeAsync(parent, child, "FINE_TUNED_FROM");
        var validTo = await _scenario.CloseEdgeAsync(edgeId);
        Assert.True(validTo > validFrom);

        Assert.Equal(Set(parent), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM"))));
        Assert.Equal(Set(parent), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validFrom.AddTicks(-1))))));
        Assert.Equal(Set(parent, child), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validFrom)))));
        Assert.Equal(Set(parent, child), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validTo.AddTicks(-1))))));
        Assert.Equal(Set(parent), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validTo)))));
        Assert.Equal(Set(parent), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validTo.AddHours(1))))));
    }

    [Fact]
    public async Task AsOf_with_a_utc_offset_names_the_same_instant()
    {
        var parent = await _scenario.CreateVersionAsync();
        var child = await _scenario.CreateVersionAsync();
        var (_, validFrom) = await _scenario.AddEdgeAsync(parent, child, "DERIVED_FROM");
        var plusTwo = TimeSpan.FromHours(2);
        var minusFive = TimeSpan.FromHours(-5);

        Assert.Equal(Set(parent, child), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validFrom, plusTwo)))));
        Assert.Equal(Set(parent), NodeIds(Graph(await _scenario.LineageAsync(parent, "DOWNSTREAM", asOf: LineageScenario.At(validFrom.AddTicks(-1), minusFive)))));
    }

    [Fact]
    public async Task A_fan_out_beyond_500_nodes_returns_the_first_500_the_edges_between_them_and_truncated()
    {
        var version = await _scenario.CreateVersionAsync();
        var (deployment, _) = await _scenario.DeployAsync(version);
        var deploymentKey = Key(deployment);
        await api.ExecuteSqlAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
            INSERT INTO "ConsumerApplications" ("Name", "Owner", "CreatedAt")
            SELECT 'fan-{deploymentKey}-' || i, NULL, '2020-01-01 00:00:00' FROM n;
            INSERT INTO "LineageEdges" ("SourceKind", "SourceId", "TargetKind", "TargetId", "Relation", "CreatedAt", "CreatedBy", "ValidFrom", "ValidTo")
            SELECT 'Deployment', {deploymentKey}, 'ConsumerApplication', "Id", 'ConsumedBy', '2020-01-01 00:00:00', 'sql', '2020-01-01 00:00:00', NULL
            FROM "ConsumerApplications" WHERE "Name" LIKE 'fan-{deploymentKey}-%';
            """);

        var graph = Graph(await _scenario.LineageAsync(deployment, "DOWNSTREAM", depth: 1));

        Assert.True(graph.GetProperty("truncated").GetBoolean());
        var nodes = NodeList(graph);
        Assert.Equal(500, nodes.Count);
        Assert.Equal(deployment, nodes[0]);
        Assert.Equal(500, nodes.Distinct().Count());
        var edges = Edges(graph);
        Assert.Equal(499, edges.Count);
        Assert.All(edges, e => Assert.Contains(e.Target, nodes));
        Assert.False(Graph(await _scenario.LineageAsync(version, "UPSTREAM")).GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task The_walk_is_one_recursive_statement_and_nodes_are_read_once_per_kind()
    {
        var data = await _scenario.CreateDatasetVersionAsync();
        var parent = await _scenario.CreateVersionAsync(data);
        var child = await _scenario.CreateVersionAsync(data);
        await _scenario.AddEdgeAsync(parent, child, "FINE_TUNED_FROM");
        await _scenario.DeployAsync(child, "shop", "crm");
        await _scenario.DeployAsync(parent, "ledger");

        api.Commands.Clear();
        var graph = Graph(await _scenario.LineageAsync(data, "BOTH", depth: 10));
        var commands = api.Commands.Texts;

        Assert.Equal(8, NodeIds(graph).Count);
        var walks = commands.Where(c => c.Contains("LineageEdges", StringComparison.Ordinal)).ToList();
        var walk = Assert.Single(walks);
        Assert.StartsWith("WITH RECURSIVE", walk.TrimStart());
        // A read of a kind is a command whose first FROM is its table; the read-visibility filter mentions other tables in subqueries.
        foreach (var table in new[] { "ModelVersions", "Deployments", "ConsumerApplications" })
            Assert.Single(commands, c => Reads(c, table));
        // The root's kind is read twice: once to tell NOT_FOUND apart, once with the other nodes of its kind.
        Assert.Equal(2, commands.Count(c => Reads(c, "DatasetVersions")));
        Assert.Equal(6, commands.Count);
    }

    private static bool Reads(string command, string table)
        => System.Text.RegularExpressions.Regex.Match(command, "FROM \"(\\w+)\"") is { Success: true } first && first.Groups[1].Value == table;

    // Whether the statement joins edges to walked nodes on the given end (Source for a downstream step, Target for an upstream one).
    private static bool JoinsOn(string sql, string end)
        => System.Text.RegularExpressions.Regex.IsMatch(sql, $"e\\.\"{end}(Kind|Id)\"\\s*=\\s*w\\.Node");

    private static JsonElement Graph(JsonElement body)
    {
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data").GetProperty("lineage");
    }

    private static string ErrorCode(JsonElement body)
        => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private static string Root(JsonElement graph) => graph.GetProperty("root").GetProperty("id").GetString()!;

    private static List<string> NodeList(JsonElement graph)
        => graph.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!).ToList();

    private static HashSet<string> NodeIds(JsonElement graph) => NodeList(graph).ToHashSet();

    private static HashSet<(string Relation, string Source, string Target)> Edges(JsonElement graph)
        => graph.GetProperty("edges").EnumerateArray()
            .Select(e => Edge(e.GetProperty("relation").GetString()!,
                e.GetProperty("source").GetProperty("id").GetString()!, e.GetProperty("target").GetProperty("id").GetString()!))
            .ToHashSet();

    private static (string Relation, string Source, string Target) Edge(string relation, string source, string target) => (relation, source, target);

    private static HashSet<T> Set<T>(params T[] items) => [.. items];

    private static long Key(string globalId)
    {
        Assert.True(GlobalId.TryDecode(globalId, out _, out var key));
        return long.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Id(string type, long key) => GlobalId.Encode(type, key);
}
