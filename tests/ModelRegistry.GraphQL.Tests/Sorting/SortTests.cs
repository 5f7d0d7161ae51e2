using System.Text.Json;
using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Sorting;

/// <summary>order: several keys and nested keys, run in SQLite, give LINQ-to-objects' order.</summary>
public sealed class SortTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    // SQLite compares text by bytes and sorts NULL first, as ordinal comparison and Comparer<T?> do.
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>order literal → the same ordering in LINQ-to-objects (the id tiebreaker is appended by both).</summary>
    public static readonly IReadOnlyDictionary<string, Func<IEnumerable<Widget>, IOrderedEnumerable<Widget>>> Orders =
        new Dictionary<string, Func<IEnumerable<Widget>, IOrderedEnumerable<Widget>>>
        {
            ["[{ name: ASC }]"] = ws => ws.OrderBy(w => w.Name, Ordinal),
            ["[{ name: DESC }]"] = ws => ws.OrderByDescending(w => w.Name, Ordinal),
            ["[{ rank: DESC }, { name: ASC }]"] = ws => ws.OrderByDescending(w => w.Rank).ThenBy(w => w.Name, Ordinal),
            ["[{ active: ASC }, { priority: DESC }, { score: ASC }]"] =
                ws => ws.OrderBy(w => w.Active).ThenByDescending(w => w.Priority).ThenBy(w => w.Score),
            ["[{ priority: ASC }]"] = ws => ws.OrderBy(w => w.Priority),
            ["[{ nickname: DESC }, { createdAt: DESC }]"] =
                ws => ws.OrderByDescending(w => w.Nickname, Ordinal).ThenByDescending(w => w.CreatedAt),
            ["[{ stage: ASC }, { rank: ASC }]"] = ws => ws.OrderBy(w => w.Stage).ThenBy(w => w.Rank),
            ["[{ maker: { name: DESC } }, { rank: ASC }]"] = ws => ws.OrderByDescending(w => w.Maker.Name, Ordinal).ThenBy(w => w.Rank),
            ["[{ maker: { country: ASC } }, { id: DESC }]"] = ws => ws.OrderBy(w => w.Maker.Country, Ordinal).ThenByDescending(w => w.Id),
            ["[{ parent: { name: DESC } }, { parent: { maker: { name: ASC } } }]"] =
                ws => ws.OrderByDescending(w => w.Parent?.Name, Ordinal).ThenBy(w => w.Parent?.Maker.Name, Ordinal),
            ["{ score: DESC }"] = ws => ws.OrderByDescending(w => w.Score),
        };

    /// <summary>The order literals.</summary>
    public static TheoryData<string> OrderLiterals() => new(Orders.Keys);

    [Theory]
    [MemberData(nameof(OrderLiterals))]
    public async Task Widgets_come_back_in_the_order_LINQ_to_objects_gives(string order)
    {
        var expected = Orders[order](database.Widgets).ThenBy(w => w.Id).Select(w => w.Id).ToList();

        var response = await database.ExecuteAsync($"{{ widgets(order: {order}) {{ key }} }}");

        Assert.Equal(expected, response.WidgetKeys());
    }

    [Fact]
    public async Task Order_combines_with_where()
    {
        var expected = database.Widgets.Where(w => w.Active).OrderByDescending(w => w.Maker.Name, Ordinal).ThenBy(w => w.Id).Select(w => w.Id);

        var response = await database.ExecuteAsync("{ widgets(where: { active: { eq: true } }, order: { maker: { name: DESC } }) { key } }");

        Assert.Equal(expected, response.WidgetKeys());
    }

    [Theory]
    [InlineData("", new[] { "id:ASC" })]
    [InlineData("(order: [])", new[] { "id:ASC" })]
    [InlineData("(order: [{ rank: DESC }, { maker: { name: ASC } }])", new[] { "rank:DESC", "maker.name:ASC", "id:ASC" })]
    [InlineData("(order: [{ parent: { maker: { country: DESC } } }])", new[] { "parent.maker.country:DESC", "id:ASC" })]
    [InlineData("(order: [{ id: DESC }])", new[] { "id:DESC" })]
    public async Task Order_keys_have_stable_dotted_names_and_end_with_the_unique_id(string arguments, string[] keys)
    {
        var response = await database.ExecuteAsync($"{{ widgetOrderKeys{arguments} }}");

        Assert.Equal(keys, response.GetProperty("data").GetProperty("widgetOrderKeys").EnumerateArray().Select(k => k.GetString()));
    }

    [Theory]
    [InlineData("[{ name: ASC, rank: DESC }]")]
    [InlineData("[{ rank: ASC }, { maker: { name: ASC, country: ASC } }]")]
    [InlineData("[{ }]")]
    [InlineData("[{ name: null }]")]
    public async Task An_element_naming_other_than_one_field_is_refused_with_INVALID_ARGUMENT(string order)
    {
        var response = await database.ExecuteAsync($"{{ widgets(order: {order}) {{ key }} }}");

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("[{ name: UP }]")]
    [InlineData("[{ tags: ASC }]")]
    [InlineData("[{ maker: ASC }]")]
    public async Task An_order_outside_the_schema_fails_validation(string order)
    {
        var response = await database.ExecuteAsync($"{{ widgets(order: {order}) {{ key }} }}");

        Assert.All(response.ErrorCodes(), code => Assert.StartsWith("ARGUMENTS_OF_CORRECT_TYPE", code));
        Assert.NotEmpty(response.ErrorCodes());
    }
}
