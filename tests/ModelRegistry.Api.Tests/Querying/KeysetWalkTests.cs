using System.Text.Json.Nodes;

namespace ModelRegistry.Api.Tests.Querying;

/// <summary>Walking every page of a filtered, multi-key ordering loses and repeats nothing, in both directions.</summary>
[Collection(QueryingCollection.Name)]
public sealed class KeysetWalkTests(QueryingRegistry registry)
{
    private const int PageSize = 7;

    private const string Query = """
        query($where: ModelVersionFilterInput, $order: [ModelVersionSortInput!], $first: Int, $after: String, $last: Int, $before: String) {
          modelVersions(where: $where, order: $order, first: $first, after: $after, last: $last, before: $before) {
            nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }
        """;

    private static readonly object Where = new
    {
        stage = new { @in = new[] { "DEVELOPMENT", "STAGING", "PRODUCTION" } },
        metrics = new { some = new { name = new { eq = "f1" }, value = new { gte = 0.2 } } },
    };

    private static readonly object[] Order = [new { stage = "DESC" }, new { model = new { name = "ASC" } }, new { number = "DESC" }];

    private List<string> Expected => registry.Catalogue.Versions
        .Where(v => v.Stage != "ARCHIVED" && v.Metrics["f1"] >= 0.2)
        .OrderByDescending(v => QueryingCatalogue.StageRank(v.Stage))
        .ThenBy(v => v.Model.Name, StringComparer.Ordinal)
        .ThenByDescending(v => v.Number)
        .ThenBy(v => v.Key)
        .Select(v => v.Id).ToList();

    [Fact]
    public async Task Walking_forwards_page_by_page_yields_every_filtered_version_once_in_order()
    {
        var expected = Expected;
        Assert.True(expected.Count > 5 * PageSize, "the walk must cross many pages");
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page <= expected.Count / PageSize + 1, "the walk does not end");
            var connection = await PageAsync(new { where = Where, order = Order, first = PageSize, after });
            seen.AddRange(QueryingCatalogue.Ids(connection));
            Assert.Equal(expected.Count, connection["totalCount"]!.GetValue<int>());
            Assert.Equal(page > 0, connection["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Walking_backwards_from_the_end_yields_the_same_list()
    {
        var expected = Expected;
        var seen = new List<string>();
        string? before = null;
        for (var page = 0; ; page++)
        {
            Assert.True(page <= expected.Count / PageSize + 1, "the walk does not end");
            var connection = await PageAsync(new { where = Where, order = Order, last = PageSize, before });
            var ids = QueryingCatalogue.Ids(connection);
            Assert.True(ids.Count == PageSize || !connection["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            seen.InsertRange(0, ids);
            if (!connection["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>())
                break;
            before = connection["pageInfo"]!["startCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_from_another_order_is_refused_with_INVALID_CURSOR()
    {
        var byCreation = await PageAsync(new { where = Where, order = new object[] { new { createdAt = "DESC" } }, first = 3 });
        var cursor = byCreation["pageInfo"]!["endCursor"]!.GetValue<string>();

        var reordered = await registry.PostAsync(Query, new { where = Where, order = Order, first = 3, after = cursor });
        var unordered = await registry.PostAsync(Query, new { where = Where, first = 3, after = cursor });

        Assert.Equal(["INVALID_CURSOR"], reordered.ErrorCodes);
        Assert.Equal(["INVALID_CURSOR"], unordered.ErrorCodes);
    }

    private async Task<JsonNode> PageAsync(object variables) => (await registry.QueryAsync(Query, variables))["modelVersions"]!;
}
