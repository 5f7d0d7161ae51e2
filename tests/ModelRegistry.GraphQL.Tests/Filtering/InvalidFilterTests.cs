using System.Text.Json;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>Filters the server cannot honour are refused with a coded error, and the server keeps answering.</summary>
public sealed class InvalidFilterTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    private async Task<JsonElement> WidgetsAsync(string where, string? variables = null, string declaration = "")
        => await database.ExecuteAsync($"query{declaration} {{ widgets(where: {where}) {{ key }} }}", variables);

    [Theory]
    [InlineData("""{ colour: { eq: "red" } }""")]
    [InlineData("""{ name: { gt: "a" } }""")]
    [InlineData("""{ name: { eq: 5 } }""")]
    [InlineData("""{ rank: { eq: "five" } }""")]
    [InlineData("""{ stage: { eq: LAUNCHED } }""")]
    [InlineData("""{ rank: { in: 3.5 } }""")]
    [InlineData("""{ createdAt: { gt: "yesterday" } }""")]
    [InlineData("""{ parts: { some: { colour: { eq: "red" } } } }""")]
    public async Task A_filter_outside_the_schema_fails_validation_and_runs_no_SQL(string where)
    {
        var before = database.Commands.Count;

        var response = await WidgetsAsync(where);

        Assert.NotEmpty(response.ErrorCodes());
        Assert.All(response.ErrorCodes(), code => Assert.StartsWith("ARGUMENTS_OF_CORRECT_TYPE", code));
        Assert.False(response.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
        Assert.Equal(before, database.Commands.Count);
    }

    [Theory]
    [InlineData("Maker", 1L)]
    [InlineData("Part", 10L)]
    public async Task An_ID_of_another_type_is_refused_with_INVALID_ARGUMENT(string typeName, long key)
    {
        var response = await WidgetsAsync($$"""{ id: { eq: "{{GlobalId.Encode(typeName, key)}}" } }""");

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes());
        Assert.Contains("Widget", response.GetProperty("errors")[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{ id: { eq: "not base64 !" } }""")]
    [InlineData("""{ makerId: { in: ["V2lkZ2V0OjE"] } }""")]
    [InlineData("""{ parentId: { neq: "" } }""")]
    [InlineData("""{ or: [{ rank: { eq: 1 } }, { id: { eq: 12 } }] }""")]
    public async Task A_malformed_or_foreign_ID_anywhere_in_the_filter_is_refused_with_INVALID_ARGUMENT(string where)
        => Assert.Equal(["INVALID_ARGUMENT"], (await WidgetsAsync(where)).ErrorCodes());

    [Fact]
    public async Task An_in_list_longer_than_the_limit_is_refused_with_INVALID_ARGUMENT()
    {
        var ranks = Enumerable.Range(0, ModelRegistry.GraphQL.Filtering.FilterOperations.MaxListValues + 1).ToList();

        var response = await WidgetsAsync("{ rank: { in: $ranks } }", JsonSerializer.Serialize(new { ranks }), "($ranks: [Int])");

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes());
    }

    [Fact]
    public async Task After_refusing_a_filter_the_next_request_is_answered()
    {
        await WidgetsAsync($$"""{ id: { eq: "{{GlobalId.Encode("Maker", 1)}}" } }""");

        var keys = (await WidgetsAsync("""{ name: { eq: "mu" } }""")).WidgetKeys();

        Assert.Equal([23L], keys);
    }

    [Fact]
    public async Task Empty_filter_objects_add_no_constraint_and_null_fields_are_ignored()
    {
        var all = (await WidgetsAsync("{ }")).WidgetKeys();
        var nulls = (await WidgetsAsync("{ name: null, rank: { gt: null }, parts: { some: null } }")).WidgetKeys();

        Assert.Equal(database.Widgets.Count, all.Count);
        Assert.Equal(all, nulls);
    }

    [Fact]
    public async Task An_empty_or_list_matches_nothing_and_an_empty_and_list_everything()
    {
        Assert.Empty((await WidgetsAsync("{ or: [] }")).WidgetKeys());
        Assert.Equal(database.Widgets.Count, (await WidgetsAsync("{ and: [] }")).WidgetKeys().Count);
    }
}
