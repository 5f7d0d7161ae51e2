using System.Text.Json;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// Two teams' models, versions and deployments, both trained on one shared dataset version, and a key of another
/// principal; a reader holding VIEWER on team:a only.
/// </summary>
public class ReadLeakHost : GovernanceHost
{
    /// <summary>Team a's model, version and deployment.</summary>
    public (string Model, string Version, string Deployment) A { get; private set; }
    /// <summary>Team b's model, version and deployment.</summary>
    public (string Model, string Version, string Deployment) B { get; private set; }
    /// <summary>Team a's and team b's TRAINED_ON edges from the shared dataset version.</summary>
    public (string A, string B) TrainingEdges { get; private set; }
    /// <summary>The dataset version both versions were trained on.</summary>
    public string SharedDatasetVersion { get; private set; } = "";
    /// <summary>An API key of another principal.</summary>
    public string OtherKey { get; private set; } = "";
    /// <summary>Team b's PENDING request for PRODUCTION.</summary>
    public string BRequest { get; private set; } = "";
    /// <summary>The team-a reader.</summary>
    public GovernanceClient Reader { get; private set; } = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Admin;
        var dataset = await admin.DatasetAsync("leakprobe-shared", owner: null);
        SharedDatasetVersion = await admin.DatasetVersionAsync(dataset, "v1");
        (A, var edgeA) = await TeamAsync(admin, "a");
        (B, var edgeB) = await TeamAsync(admin, "b");
        TrainingEdges = (edgeA, edgeB);
        OtherKey = await admin.ApiKeyAsync("leakprobe-other-service");
        await admin.PromoteAsync(B.Version, "STAGING");
        BRequest = await admin.PendingProductionRequestAsync(B.Version);
        Reader = await ClientAsAsync("leakprobe-reader", (Role.Viewer, "team:a"));
    }

    private async Task<((string, string, string), string)> TeamAsync(GovernanceClient admin, string team)
    {
        var model = await admin.ModelAsync($"leakprobe-{team}", team, $"leakprobe model of team {team}");
        var version = await admin.VersionAsync(model);
        var edge = await admin.EdgeAsync(SharedDatasetVersion, version);
        var deployment = await admin.DeploymentAsync(version, "leakprobe");
        return ((model, version, deployment), edge);
    }
}

/// <summary>A VIEWER of team:a reads nothing of team b: not by ID, not in lists or counts, not in search, lineage or events.</summary>
public sealed class ReadLeakTests(ReadLeakHost host) : IClassFixture<ReadLeakHost>
{
    [Fact]
    public async Task Node_of_another_teams_model_version_or_deployment_is_null()
    {
        foreach (var id in new[] { host.B.Model, host.B.Version, host.B.Deployment })
        {
            var data = await host.Reader.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });
            Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
        }
        var own = await host.Reader.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = host.A.Version });
        Assert.Equal(host.A.Version, own.GetProperty("node").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Node_of_a_lineage_edge_into_another_teams_version_is_null_while_its_own_edge_resolves()
    {
        const string query = "query($id: ID!) { node(id: $id) { id ... on LineageEdge { source { __typename } target { __typename } } } }";

        var hidden = await host.Reader.QueryAsync(query, new { id = host.TrainingEdges.B });
        var own = await host.Reader.QueryAsync(query, new { id = host.TrainingEdges.A });

        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("node").ValueKind);
        Assert.Equal("ModelVersion", own.GetProperty("node").GetProperty("target").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Nodes_answers_null_in_the_place_of_each_hidden_object()
    {
        string[] ids = [host.A.Model, host.B.Model, host.A.Deployment, host.B.Version, host.B.Deployment, host.OtherKey];

        var data = await host.Reader.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        var answers = data.GetProperty("nodes").EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Null ? null : n.GetProperty("id").GetString()).ToList();
        Assert.Equal([host.A.Model, null, host.A.Deployment, null, null, null], answers);
    }

    [Theory]
    [InlineData("models", "owner", "")]
    [InlineData("modelVersions", "model { owner }", "model")]
    [InlineData("deployments", "modelVersion { model { owner } }", "modelVersion.model")]
    public async Task Connections_omit_other_teams_rows_and_their_total_count(string field, string ownerSelection, string ownerPath)
    {
        var query = $"{{ {field}(first: 50) {{ totalCount nodes {{ {ownerSelection} }} }} }}";

        var everything = (await host.Admin.QueryAsync(query)).GetProperty(field);
        var seen = (await host.Reader.QueryAsync(query)).GetProperty(field);

        var owners = seen.GetProperty("nodes").EnumerateArray().Select(n => Owner(n, ownerPath)).ToList();
        Assert.NotEmpty(owners);
        Assert.All(owners, o => Assert.Equal("a", o));
        Assert.Equal(owners.Count, seen.GetProperty("totalCount").GetInt32());
        var teamA = everything.GetProperty("nodes").EnumerateArray().Count(n => Owner(n, ownerPath) == "a");
        Assert.Equal(teamA, seen.GetProperty("totalCount").GetInt32());
        Assert.True(everything.GetProperty("totalCount").GetInt32() > teamA, "The arrangement must hold rows of team b.");
    }

    [Fact]
    public async Task Search_finds_only_readable_hits_and_counts_only_them()
    {
        const string query = """
            { search(text: "leakprobe", first: 50) { totalCount nodes { __typename
                ... on Model { owner }
                ... on ModelVersion { model { owner } }
                ... on Deployment { modelVersion { model { owner } } }
                ... on Dataset { name } } } }
            """;

        var everything = (await host.Admin.QueryAsync(query)).GetProperty("search");
        var seen = (await host.Reader.QueryAsync(query)).GetProperty("search");

        var hits = seen.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(hits, h => h.GetProperty("__typename").GetString() == "Model");
        Assert.All(hits.Select(SearchOwner).Where(o => o is not null), o => Assert.Equal("a", o));
        Assert.Equal(hits.Count, seen.GetProperty("totalCount").GetInt32());
        var hidden = everything.GetProperty("nodes").EnumerateArray().Count(h => SearchOwner(h) == "b");
        Assert.True(hidden > 0, "The arrangement must make team b searchable.");
        Assert.Equal(everything.GetProperty("totalCount").GetInt32() - hidden, seen.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Lineage_from_a_shared_dataset_counts_hidden_nodes_and_draws_no_edge_to_them()
    {
        const string query = """
            query($id: ID!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 3) {
                hiddenNodes
                nodes { ... on Node { id } }
                edges { source { ... on Node { id } } target { ... on Node { id } } } } }
            """;

        var everything = (await host.Admin.QueryAsync(query, new { id = host.SharedDatasetVersion })).GetProperty("lineage");
        var seen = (await host.Reader.QueryAsync(query, new { id = host.SharedDatasetVersion })).GetProperty("lineage");

        var ids = seen.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains(host.A.Version, ids);
        Assert.Contains(host.A.Deployment, ids);
        Assert.DoesNotContain(host.B.Version, ids);
        Assert.DoesNotContain(host.B.Deployment, ids);
        Assert.Equal(0, everything.GetProperty("hiddenNodes").GetInt32());
        Assert.Equal(2, seen.GetProperty("hiddenNodes").GetInt32());
        Assert.Equal(everything.GetProperty("nodes").GetArrayLength(), ids.Count + seen.GetProperty("hiddenNodes").GetInt32());
        Assert.All(seen.GetProperty("edges").EnumerateArray(), e =>
        {
            Assert.Contains(e.GetProperty("source").GetProperty("id").GetString(), ids);
            Assert.Contains(e.GetProperty("target").GetProperty("id").GetString(), ids);
        });
    }

    [Fact]
    public async Task Registry_events_omit_other_teams_events_and_key_events()
    {
        const string query = "{ registryEvents(first: 100) { totalCount nodes { type payload model { name } } } }";

        var everything = (await host.Admin.QueryAsync(query)).GetProperty("registryEvents");
        var seen = (await host.Reader.QueryAsync(query)).GetProperty("registryEvents");

        static bool AboutTeamB(JsonElement e)
            => e.GetProperty("payload").GetRawText().Contains("leakprobe-b", StringComparison.Ordinal)
               || (e.GetProperty("model") is { ValueKind: JsonValueKind.Object } model && model.GetProperty("name").GetString() == "leakprobe-b");
        var hidden = everything.GetProperty("nodes").EnumerateArray().Count(e => AboutTeamB(e) || e.GetProperty("type").GetString()!.StartsWith("API_KEY", StringComparison.Ordinal)
            || e.GetProperty("type").GetString()!.StartsWith("ROLE_", StringComparison.Ordinal));
        var events = seen.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("payload").GetRawText().Contains("leakprobe-a", StringComparison.Ordinal));
        Assert.DoesNotContain(events, AboutTeamB);
        Assert.DoesNotContain(events, e => e.GetProperty("type").GetString()!.StartsWith("API_KEY", StringComparison.Ordinal));
        Assert.Equal(events.Count, seen.GetProperty("totalCount").GetInt32());
        Assert.True(hidden > 0, "The arrangement must log team b's events.");
        Assert.Equal(everything.GetProperty("totalCount").GetInt32() - hidden, seen.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Verifying_the_audit_trail_needs_a_global_role()
    {
        var response = await host.Reader.SendAsync(GovernanceOperations.VerifyAuditTrail);

        Assert.Equal("FORBIDDEN", response.FirstErrorCode);
    }

    [Fact]
    public async Task Another_teams_model_by_name_and_its_promotion_requests_are_hidden()
    {
        var byName = await host.Reader.QueryAsync("{ model(name: \"leakprobe-b\") { id } }");
        var requests = await host.Reader.QueryAsync("{ promotionRequests(first: 100) { totalCount nodes { id } } }");
        var byId = await host.Reader.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = host.BRequest });

        Assert.Equal(JsonValueKind.Null, byName.GetProperty("model").ValueKind);
        Assert.Equal(0, requests.GetProperty("promotionRequests").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, byId.GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task Lineage_rooted_at_a_hidden_version_answers_as_for_a_version_that_does_not_exist()
    {
        const string query = "query($id: ID!) { lineage(nodeId: $id, direction: BOTH, depth: 3) { hiddenNodes nodes { ... on Node { id } } } }";
        var missing = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ModelVersion:987654")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var hidden = await host.Reader.SendAsync(query, new { id = host.B.Version });
        var absent = await host.Reader.SendAsync(query, new { id = missing });

        Assert.Equal(absent.Status, hidden.Status);
        Assert.NotNull(absent.FirstErrorCode);
        Assert.Equal(absent.FirstErrorCode, hidden.FirstErrorCode);
        Assert.Equal(absent.Body.GetRawText().Replace(missing, "ID", StringComparison.Ordinal),
            hidden.Body.GetRawText().Replace(host.B.Version, "ID", StringComparison.Ordinal));
    }

    private static string? Owner(JsonElement node, string path)
    {
        var current = node;
        foreach (var step in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            current = current.GetProperty(step);
        return current.GetProperty("owner").GetString();
    }

    private static string? SearchOwner(JsonElement hit) => hit.GetProperty("__typename").GetString() switch
    {
        "Model" => Owner(hit, ""),
        "ModelVersion" => Owner(hit, "model"),
        "Deployment" => Owner(hit, "modelVersion.model"),
        _ => null,
    };
}
