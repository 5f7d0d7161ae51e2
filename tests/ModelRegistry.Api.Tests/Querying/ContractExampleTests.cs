namespace ModelRegistry.Api.Tests.Querying;

/// <summary>The filter and sort examples the schema contract promises clients, sent as written there.</summary>
[Collection(QueryingCollection.Name)]
public sealed class ContractExampleTests(QueryingRegistry registry)
{
    private QueryingCatalogue Catalogue => registry.Catalogue;

    [Fact]
    public async Task Models_named_tox_or_tagged_toxicity_come_newest_first()
    {
        var data = await registry.QueryAsync("""
            { models(first: 100, where: { or: [{ name: { contains: "tox" } }, { tags: { some: { eq: "toxicity" } } }] }, order: [{ createdAt: DESC }]) {
                nodes { id name tags } pageInfo { hasNextPage } totalCount } }
            """);

        var expected = Catalogue.Models
            .Where(m => m.Name.Contains("tox", StringComparison.Ordinal) || m.Tags.Contains("toxicity"))
            .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Key)
            .Select(m => m.Id).ToList();
        Assert.True(expected.Count >= 10, "the seed must give the example something to find");
        Assert.Contains(Catalogue.Models, m => m.Name.Contains("tox", StringComparison.Ordinal) && !m.Tags.Contains("toxicity"));
        Assert.Contains(Catalogue.Models, m => !m.Name.Contains("tox", StringComparison.Ordinal) && m.Tags.Contains("toxicity"));
        Assert.Equal(expected, QueryingCatalogue.Ids(data["models"]!));
        Assert.Equal(expected.Count, data["models"]!["totalCount"]!.GetValue<int>());
        Assert.False(data["models"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Versions_with_a_high_auc_in_staging_or_production_are_found_through_their_metrics()
    {
        var data = await registry.QueryAsync("""
            { modelVersions(first: 100, where: { metrics: { some: { name: { eq: "auc" }, value: { gte: 0.9 } } }, stage: { in: [STAGING, PRODUCTION] } }) {
                nodes { id stage metrics { name value } } totalCount } }
            """);

        var expected = Catalogue.Versions
            .Where(v => v.Metrics["auc"] >= 0.9 && v.Stage is "STAGING" or "PRODUCTION")
            .OrderBy(v => v.Key).Select(v => v.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(Catalogue.Versions, v => v.Metrics["auc"] >= 0.9 && v.Stage is "DEVELOPMENT" or "ARCHIVED");
        Assert.Equal(expected, QueryingCatalogue.Ids(data["modelVersions"]!));
        Assert.Equal(expected.Count, data["modelVersions"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Active_production_deployments_leave_out_draining_and_staging_ones()
    {
        var data = await registry.QueryAsync("""
            { deployments(where: { environment: { eq: "production" }, status: { eq: ACTIVE } }, first: 50) {
                nodes { id environment status } pageInfo { hasNextPage } } }
            """);

        var expected = Catalogue.Deployments
            .Where(d => d.Environment == "production" && d.Status == "ACTIVE")
            .OrderBy(d => d.Key).Select(d => d.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Contains(Catalogue.Deployments, d => d.Environment == "production" && d.Status == "DRAINING");
        Assert.Equal(expected, QueryingCatalogue.Ids(data["deployments"]!));
        Assert.All(data["deployments"]!["nodes"]!.AsArray(), n => Assert.Equal("ACTIVE", n!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Versions_of_one_owner_sort_by_model_name_then_newest_number_first()
    {
        var data = await registry.QueryAsync("""
            { modelVersions(first: 100, where: { model: { owner: { eq: "x" } } }, order: [{ model: { name: ASC } }, { number: DESC }]) {
                nodes { id number model { name owner } } } }
            """);

        var expected = Catalogue.Versions
            .Where(v => v.Model.Owner == "x")
            .OrderBy(v => v.Model.Name, StringComparer.Ordinal).ThenByDescending(v => v.Number).ThenBy(v => v.Key)
            .Select(v => v.Id).ToList();
        Assert.True(expected.Count > 10);
        Assert.Equal(expected, QueryingCatalogue.Ids(data["modelVersions"]!));
    }
}
