using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>The table-driven suite: each filter, run in SQLite through GraphQL, returns what LINQ-to-objects returns.</summary>
public sealed class FilterOperatorTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    /// <summary>The where literals of <see cref="FilterCases"/>.</summary>
    public static TheoryData<string> Cases() => new(FilterCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Filter_returns_exactly_the_widgets_the_same_predicate_selects_in_memory(string where)
    {
        var expected = database.Widgets.Where(FilterCases.All[where]).Select(w => w.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.NotEqual(database.Widgets.Count, expected.Count);

        var response = await database.ExecuteAsync($"{{ widgets(where: {where}) {{ key }} }}");

        Assert.Equal(expected, response.WidgetKeys().Order().ToList());
    }
}
