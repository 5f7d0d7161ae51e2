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

    [Fact]
    public async Task A_filter_passed_as_a_variable_selects_the_same_widgets_as_the_literal()
    {
        var maker = global::ModelRegistry.GraphQL.Relay.GlobalId.Encode("Maker", 2);
        const string Literal = """{ stage: { in: [DRAFT, RELEASED] }, createdAt: { gte: "2024-01-05T00:00:00Z" }, or: [{ tags: { some: { eq: "red" } } }, { makerId: { eq: "MAKER" } }] }""";
        const string Variables = """{ "w": { "stage": { "in": ["DRAFT", "RELEASED"] }, "createdAt": { "gte": "2024-01-05T00:00:00Z" }, "or": [{ "tags": { "some": { "eq": "red" } } }, { "makerId": { "eq": "MAKER" } }] } }""";

        var fromLiteral = (await database.ExecuteAsync($"{{ widgets(where: {Literal.Replace("MAKER", maker)}) {{ key }} }}")).WidgetKeys();
        var fromVariable = (await database.ExecuteAsync(
            "query($w: WidgetFilterInput) { widgets(where: $w) { key } }", Variables.Replace("MAKER", maker))).WidgetKeys();

        Assert.NotEmpty(fromLiteral);
        Assert.Equal(fromLiteral, fromVariable);
    }
}
