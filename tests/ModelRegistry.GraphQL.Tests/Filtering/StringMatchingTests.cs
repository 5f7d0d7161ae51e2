using ModelRegistry.GraphQL.Tests.Filtering.Fixture;

namespace ModelRegistry.GraphQL.Tests.Filtering;

/// <summary>contains/startsWith/endsWith: ordinal, and LIKE wildcards are plain characters.</summary>
public sealed class StringMatchingTests(WidgetDatabase database) : IClassFixture<WidgetDatabase>
{
    private async Task<List<string>> NamesAsync(string where)
    {
        var keys = (await database.ExecuteAsync($"{{ widgets(where: {where}) {{ key }} }}")).WidgetKeys();
        return keys.Select(k => database.Widgets.Single(w => w.Id == k).Name).Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData("""{ name: { contains: "r_s" } }""", "r_s")]
    [InlineData("""{ name: { startsWith: "r_" } }""", "r_s")]
    [InlineData("""{ name: { endsWith: "_s" } }""", "r_s")]
    [InlineData("""{ name: { contains: "0%" } }""", "50%")]
    [InlineData("""{ name: { startsWith: "50%" } }""", "50%")]
    [InlineData("""{ name: { endsWith: "%" } }""", "50%")]
    public async Task Underscore_and_percent_match_only_themselves(string where, string only)
        => Assert.Equal([only], await NamesAsync(where));

    [Fact]
    public async Task Negated_wildcard_match_keeps_the_lookalikes()
    {
        var names = await NamesAsync("""{ name: { ncontains: "r_s" }, and: [{ name: { startsWith: "r" } }] }""");
        Assert.Equal(["r-s", "rxs"], names);
    }

    [Theory]
    [InlineData("""{ name: { contains: "LPH" } }""", new[] { "ALPHA beta" })]
    [InlineData("""{ name: { contains: "lph" } }""", new[] { "Alpha", "alpha" })]
    [InlineData("""{ name: { startsWith: "al" } }""", new[] { "alpha" })]
    [InlineData("""{ name: { startsWith: "AL" } }""", new[] { "ALPHA beta" })]
    [InlineData("""{ name: { endsWith: "Ta" } }""", new string[0])]
    [InlineData("""{ name: { endsWith: "eta" } }""", new[] { "ALPHA beta", "Beta", "beta", "eta", "theta", "zeta" })]
    [InlineData("""{ name: { eq: "ALPHA" } }""", new string[0])]
    public async Task Text_operations_are_case_sensitive(string where, string[] expected)
        => Assert.Equal(expected, await NamesAsync(where));

    [Theory]
    [InlineData("""{ name: { startsWith: "😀" } }""", "😀smile")]
    [InlineData("""{ name: { startsWith: "😀s" } }""", "😀smile")]
    [InlineData("""{ name: { endsWith: "ïcode" } }""", "Ünïcode")]
    [InlineData("""{ name: { startsWith: "Ünï" } }""", "Ünïcode")]
    [InlineData("""{ name: { contains: "ïc" } }""", "Ünïcode")]
    public async Task Prefixes_and_suffixes_count_characters_beyond_ASCII(string where, string only)
        => Assert.Equal([only], await NamesAsync(where));

    [Fact]
    public async Task Empty_prefix_matches_every_widget()
        => Assert.Equal(database.Widgets.Count, (await NamesAsync("""{ name: { startsWith: "" } }""")).Count);
}
