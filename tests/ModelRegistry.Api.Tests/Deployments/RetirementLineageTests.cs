using System.Globalization;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;

namespace ModelRegistry.Api.Tests.Deployments;

/// <summary>Retiring a deployment ends its DEPLOYED_AS and CONSUMED_BY lineage, so impact analysis stops naming its consumers.</summary>
public sealed class RetirementLineageTests(DeploymentPolicyHost host) : IClassFixture<DeploymentPolicyHost>
{
    private const string Downstream = """
        query($id: ID!, $asOf: DateTime) { lineage(nodeId: $id, direction: DOWNSTREAM, asOf: $asOf) {
          nodes { __typename ... on Deployment { id } ... on ConsumerApplication { name } } edges { relation validTo } } }
        """;

    [Fact]
    public async Task After_retirement_impact_analysis_no_longer_reaches_the_deployment_or_its_consumer()
    {
        var subject = await host.VersionInAsync("DEVELOPMENT");
        var consumer = Unique("portal");
        var id = (await host.DeployAsync(subject.VersionId, "canary", 100, consumer)).GetProperty("id").GetString()!;
        var before = await ReachedAsync(subject.VersionId, asOf: null);

        await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "RETIRED", reason = "replaced by v2" });

        Assert.Equal(["ModelVersion", "Deployment", consumer], before);
        Assert.Equal(["ModelVersion"], await ReachedAsync(subject.VersionId, asOf: null));
        Assert.Equal(["ModelVersion"], await ReachedAsync(subject.VersionId, asOf: DateTime.UtcNow.AddSeconds(1)));
        var consumers = await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { consumers { name } } } }", new { id });
        Assert.Empty(consumers.GetProperty("node").GetProperty("consumers").EnumerateArray());
    }

    [Fact]
    public async Task Retirement_closes_both_edges_with_LINEAGE_EDGE_CLOSED_events_carrying_the_reason()
    {
        var subject = await host.VersionInAsync("DEVELOPMENT");
        var id = (await host.DeployAsync(subject.VersionId, "canary", 100, Unique("portal"))).GetProperty("id").GetString()!;

        await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "RETIRED", reason = "replaced by v2" });

        var events = (await host.Admin.QueryAsync("""
            query($modelId: ID!) { registryEvents(first: 50, where: { modelId: { eq: $modelId }, type: { eq: "LINEAGE_EDGE_CLOSED" } }) { nodes { reason payload } } }
            """, new { modelId = subject.ModelId })).GetProperty("registryEvents").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["DEPLOYED_AS", "CONSUMED_BY"], events.Select(e => e.GetProperty("payload").GetProperty("relation").GetString()));
        Assert.All(events, e => Assert.Equal("replaced by v2", e.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task The_report_gives_the_consumer_of_a_retired_deployment_an_until_time()
    {
        var subject = await host.VersionInAsync("DEVELOPMENT");
        var consumer = Unique("portal");
        var id = (await host.DeployAsync(subject.VersionId, "canary", 100, consumer)).GetProperty("id").GetString()!;
        await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "RETIRED" });

        var report = (await host.Admin.QueryAsync("query($id: ID!) { complianceReport(modelId: $id) { content } }", new { id = subject.ModelId }))
            .GetProperty("complianceReport").GetProperty("content").GetString()!;

        var row = report.Split('\n').Single(l => l.StartsWith($"| {consumer} |", StringComparison.Ordinal));
        var until = row.Split('|', StringSplitOptions.TrimEntries)[4];
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", until);
        Assert.True(DateTime.Parse(until, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) <= DateTime.UtcNow);
    }

    [Fact]
    public async Task A_FAILED_deployment_keeps_its_consumers_in_impact_analysis()
    {
        var subject = await host.VersionInAsync("DEVELOPMENT");
        var consumer = Unique("portal");
        var id = (await host.DeployAsync(subject.VersionId, "canary", 100, consumer)).GetProperty("id").GetString()!;

        await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "FAILED", reason = "crash loop" });

        Assert.Equal(["ModelVersion", "Deployment", consumer], await ReachedAsync(subject.VersionId, asOf: null));
    }

    private async Task<List<string>> ReachedAsync(string versionId, DateTime? asOf)
    {
        var graph = (await host.Admin.QueryAsync(Downstream, new { id = versionId, asOf = asOf?.ToString("o", CultureInfo.InvariantCulture) }))
            .GetProperty("lineage");
        return [.. graph.GetProperty("nodes").EnumerateArray()
            .Select(n => n.TryGetProperty("name", out var name) ? name.GetString()! : n.GetProperty("__typename").GetString()!)];
    }
}
