using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Relay;

/// <summary>Cursors keep their place when rows are added while a client is paging, and Model.versions pages like models.</summary>
public sealed class CursorStabilityTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string ModelsPage = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          models(first: $first, after: $after, last: $last, before: $before) {
            totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private const string VersionsPage = """
        query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
          node(id: $id) { ... on Model { versions(first: $first, after: $after, last: $last, before: $before) {
            totalCount edges { cursor node { name: number } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          } } }
        }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Models_registered_mid_walk_neither_repeat_nor_hide_rows_and_appear_at_the_end()
    {
        var before = await AllModelNamesAsync();
        var original = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var name = RegistryArrange.UniqueName("walk");
            await client.RegisterModelAsync(name);
            original.Add(name);
        }
        var first = await ConnectionWalk.PageAsync(client, ModelsPage, "models", new { first = 5, after = (string?)null, last = (int?)null, before = (string?)null });
        var skipped = first.Names.Count;
        var cursor = first.EndCursor;
        var seen = new List<string>(first.Names);

        var added = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var name = RegistryArrange.UniqueName("late");
            await client.RegisterModelAsync(name);
            added.Add(name);
        }
        ConnectionPage page;
        do
        {
            page = await ConnectionWalk.PageAsync(client, ModelsPage, "models", new { first = 5, after = cursor, last = (int?)null, before = (string?)null });
            seen.AddRange(page.Names);
            cursor = page.EndCursor;
        }
        while (page.HasNextPage);

        Assert.Equal(before.Concat(original).Concat(added), seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(skipped > 0);
    }

    [Fact]
    public async Task A_before_cursor_still_returns_the_same_rows_after_newer_models_are_registered()
    {
        for (var i = 0; i < 6; i++)
            await client.RegisterModelAsync();
        var all = await ConnectionWalk.PageAsync(client, ModelsPage, "models", new { first = 100, after = (string?)null, last = (int?)null, before = (string?)null });
        var anchor = all.Cursors[^2];
        var expected = all.Names.SkipLast(2).TakeLast(3).ToList();

        await client.RegisterModelAsync();
        await client.RegisterModelAsync();
        var page = await ConnectionWalk.PageAsync(client, ModelsPage, "models", new { first = (int?)null, after = (string?)null, last = 3, before = anchor });

        Assert.Equal(expected, page.Names);
        Assert.True(page.HasNextPage);
    }

    [Fact]
    public async Task Walking_a_models_versions_both_ways_visits_numbers_1_to_12_once()
    {
        var modelId = await client.RegisterModelAsync();
        for (var i = 0; i < 12; i++)
            await client.CreateVersionAsync(modelId);
        var extra = new Dictionary<string, object?> { ["id"] = modelId };

        var forwards = await ConnectionWalk.ForwardsAsync(client, VersionsPage, "node.versions", 5, extra);
        var backwards = await ConnectionWalk.BackwardsAsync(client, VersionsPage, "node.versions", 5, extra);

        var numbers = Enumerable.Range(1, 12).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(numbers, forwards.SelectMany(p => p.Names));
        Assert.Equal(numbers, backwards.AsEnumerable().Reverse().SelectMany(p => p.Names));
        Assert.Equal([5, 5, 2], forwards.Select(p => p.Names.Count));
        Assert.Equal([5, 5, 2], backwards.Select(p => p.Names.Count));
        Assert.False(forwards[^1].HasNextPage);
        Assert.False(backwards[^1].HasPreviousPage);
        Assert.All(forwards, p => Assert.Equal(12, p.TotalCount));
    }

    private async Task<List<string>> AllModelNamesAsync()
    {
        var pages = await ConnectionWalk.ForwardsAsync(client, ModelsPage, "models", 100);
        return [.. pages.SelectMany(p => p.Names)];
    }
}
