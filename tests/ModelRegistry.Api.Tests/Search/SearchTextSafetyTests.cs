using static ModelRegistry.Api.Tests.Search.SearchClient;

namespace ModelRegistry.Api.Tests.Search;

/// <summary>User text never reaches FTS5 as syntax: hostile text searches or finds nothing, it never fails.</summary>
public sealed class SearchTextSafetyTests(SearchRegistryHost host) : IClassFixture<SearchRegistryHost>
{
    [Theory]
    [InlineData("\"")]
    [InlineData("\"unbalanced")]
    [InlineData("AND OR NOT")]
    [InlineData("NEAR(a b, 2)")]
    [InlineData("*")]
    [InlineData("tox*")]
    [InlineData("(")]
    [InlineData("(a OR b")]
    [InlineData("tox:")]
    [InlineData("Name:tox")]
    [InlineData("-")]
    [InlineData("-tox")]
    [InlineData("^tox")]
    [InlineData("a + b {c}")]
    [InlineData("\\")]
    [InlineData("'; DROP TABLE Models; --")]
    [InlineData("\u00e9\u0301 \ud83d\ude00")]
    public async Task Hostile_text_answers_without_errors(string text)
    {
        var page = Connection(await host.SearchAsync(text));

        Assert.True(page.GetProperty("totalCount").GetInt32() >= 0);
    }

    [Fact]
    public async Task Operator_words_are_searched_as_plain_words()
    {
        var model = await host.RegisterModelAsync(UniqueWord("or") + "-model", "Decides whether to approve and or not reject the claim.");

        Assert.Contains(model, Ids(await host.SearchAsync("approve AND OR NOT")));
    }

    [Fact]
    public async Task Punctuation_in_the_query_does_not_stop_a_match()
    {
        var word = UniqueWord("tox");
        var model = await host.RegisterModelAsync($"{word}-classifier");

        Assert.Equal([model], Ids(await host.SearchAsync($"\"{word}:\" (classifier*")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task Empty_text_is_refused_with_INVALID_ARGUMENT(string text)
        => Assert.Equal(["INVALID_ARGUMENT"], ErrorCodes(await host.SearchAsync(text)));

    [Fact]
    public async Task Text_over_256_characters_is_refused_with_INVALID_ARGUMENT()
    {
        Assert.Equal(["INVALID_ARGUMENT"], ErrorCodes(await host.SearchAsync(new string('a', 257))));
        Assert.Empty(ErrorCodes(await host.SearchAsync(new string('a', 256))));
    }
}
