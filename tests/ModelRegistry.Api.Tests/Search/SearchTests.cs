using System.Text.Json;
using static ModelRegistry.Api.Tests.Search.SearchClient;

namespace ModelRegistry.Api.Tests.Search;

/// <summary>What a client finds through <c>search</c>, and how the results rank and page.</summary>
public sealed class SearchTests(SearchRegistryHost host) : IClassFixture<SearchRegistryHost>
{
    [Fact]
    public async Task Search_finds_models_versions_datasets_and_deployments_with_their_typenames()
    {
        var word = UniqueWord("kiwi");
        var model = await host.RegisterModelAsync($"{word}-classifier", "Sorts fruit.");
        var version = await host.CreateVersionAsync(model, "first cut", "pytorch 2.4");
        var dataset = await host.RegisterDatasetAsync($"{word}-images", "Photos of fruit.");
        var deployment = await host.RecordDeploymentAsync(version, "development", "kserve");

        var found = Connection(await host.SearchAsync(word, first: 20)).GetProperty("edges").EnumerateArray()
            .Select(e => (Type: e.GetProperty("node").GetProperty("__typename").GetString(), Id: e.GetProperty("node").GetProperty("id").GetString()))
            .ToHashSet();

        Assert.Equal(
            new HashSet<(string?, string?)> { ("Model", model), ("ModelVersion", version), ("Dataset", dataset), ("Deployment", deployment) },
            found);
    }

    [Fact]
    public async Task A_version_is_found_by_its_model_name_and_version_label()
    {
        var word = UniqueWord("toxicity");
        var model = await host.RegisterModelAsync($"{word}-classifier");
        await host.CreateVersionAsync(model);
        var second = await host.CreateVersionAsync(model);

        var response = await host.SearchAsync($"{word} v2");

        Assert.Equal([second], Ids(response));
        Assert.Equal("ModelVersion", Connection(response).GetProperty("nodes")[0].GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Words_of_hyphenated_names_match_on_their_own_and_the_last_word_matches_as_a_prefix()
    {
        var word = UniqueWord("heron");
        var model = await host.RegisterModelAsync($"{word}-detector");

        Assert.Equal([model], Ids(await host.SearchAsync($"{word} detector")));
        Assert.Equal([model], Ids(await host.SearchAsync($"{word}-DETECT")));
        Assert.Equal([model], Ids(await host.SearchAsync(word[..^2])));
    }

    [Fact]
    public async Task A_name_match_outranks_a_description_only_match()
    {
        var word = UniqueWord("walrus");
        var inDescription = await host.RegisterModelAsync(UniqueWord("plain") + "-model", $"Mentions the {word} in passing, among many other words.");
        var inName = await host.RegisterModelAsync($"{word}-counter", "Counts animals.");

        Assert.Equal([inName, inDescription], Ids(await host.SearchAsync(word)));
    }

    [Fact]
    public async Task A_model_named_with_the_word_outranks_the_deployments_and_versions_that_only_borrow_its_name()
    {
        var word = UniqueWord("wave");
        var model = await host.RegisterModelAsync($"{word}-height-forecaster",
            "Forecasts significant wave height for offshore operations from buoy readings, wind fields and swell spectra, "
            + "refreshed hourly for every site the marine operations desk plans crew transfers, lifts and vessel routes around.");
        var version = await host.CreateVersionAsync(model);
        for (var i = 0; i < 3; i++)
            await host.RecordDeploymentAsync(version, $"region-{i}");

        var found = Connection(await host.SearchAsync(word, first: 10)).GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("__typename").GetString()).ToList();

        Assert.Equal("Model", found[0]);
        Assert.Equal(["Deployment", "Deployment", "Deployment", "ModelVersion"], found.Skip(1).Order());
        Assert.Equal([model], Ids(await host.SearchAsync(word, first: 1)));
    }

    [Fact]
    public async Task Consumer_applications_and_dataset_versions_are_found_by_their_own_words()
    {
        var word = UniqueWord("tide");
        var model = await host.RegisterModelAsync(UniqueWord("plain") + "-model");
        var version = await host.CreateVersionAsync(model);
        var consumers = await host.RecordConsumedDeploymentAsync(version, $"{word}-planner");
        var dataset = await host.RegisterDatasetAsync(UniqueWord("buoys"));
        var cut = await host.CreateDatasetVersionAsync(dataset, $"{word}-2024q1", "s3://ocean/buoys/2024q1.parquet");

        var found = Connection(await host.SearchAsync(word, first: 10)).GetProperty("edges").EnumerateArray()
            .Select(e => (e.GetProperty("node").GetProperty("__typename").GetString(), e.GetProperty("node").GetProperty("id").GetString()))
            .ToHashSet();

        Assert.Equal(new HashSet<(string?, string?)> { ("ConsumerApplication", consumers[$"{word}-planner"]), ("DatasetVersion", cut) }, found);
    }

    [Fact]
    public async Task Types_restrict_the_results_and_the_count_and_a_cursor_only_continues_the_same_types()
    {
        var word = UniqueWord("reef");
        var model = await host.RegisterModelAsync($"{word}-mapper");
        var version = await host.CreateVersionAsync(model);
        var first = await host.RecordDeploymentAsync(version, "development");
        var second = await host.RecordDeploymentAsync(version, "canary");
        await host.RegisterDatasetAsync($"{word}-survey");

        var deployments = Connection(await host.SearchAsync(word, types: ["DEPLOYMENT"]));
        var modelsAndData = Connection(await host.SearchAsync(word, types: ["MODEL", "DATASET"]));
        var all = Connection(await host.SearchAsync(word, types: []));
        var cursor = Connection(await host.SearchAsync(word, first: 1, types: ["DEPLOYMENT"])).GetProperty("pageInfo").GetProperty("endCursor").GetString();

        Assert.Equal(new HashSet<string> { first, second }, Ids(await host.SearchAsync(word, types: ["DEPLOYMENT"])).ToHashSet());
        Assert.Equal(2, deployments.GetProperty("totalCount").GetInt32());
        Assert.Equal(["Dataset", "Model"], modelsAndData.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("__typename").GetString()!).Order());
        Assert.Equal(5, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(["INVALID_CURSOR"], ErrorCodes(await host.SearchAsync(word, after: cursor, types: ["MODEL"])));
        Assert.All(Assert.Single(new[] { ErrorCodes(await host.SearchAsync(word, types: ["SPACESHIP"])) }), Assert.NotNull);
    }

    [Fact]
    public async Task Updating_a_model_description_replaces_its_indexed_words()
    {
        var oldWord = UniqueWord("lychee");
        var newWord = UniqueWord("mango");
        var model = await host.RegisterModelAsync(UniqueWord("fruit") + "-model", $"Ranks {oldWord} harvests.");
        Assert.Equal([model], Ids(await host.SearchAsync(oldWord)));

        await host.UpdateModelDescriptionAsync(model, $"Ranks {newWord} harvests.");

        Assert.Empty(Ids(await host.SearchAsync(oldWord)));
        Assert.Equal([model], Ids(await host.SearchAsync(newWord)));
    }

    [Fact]
    public async Task A_new_version_is_searchable_as_soon_as_it_is_created()
    {
        var word = UniqueWord("quince");
        var model = await host.RegisterModelAsync(UniqueWord("orchard") + "-model");
        Assert.Empty(Ids(await host.SearchAsync(word)));

        var version = await host.CreateVersionAsync(model, $"Retrained on {word} data.", "xgboost 2.1");

        Assert.Equal([version], Ids(await host.SearchAsync(word)));
    }

    [Fact]
    public async Task Following_cursors_visits_every_result_once_in_rank_order()
    {
        var word = UniqueWord("pebble");
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
            created.Add(await host.RegisterModelAsync($"{word}-{i}", $"Model number {i} about {word} and {string.Join(' ', Enumerable.Repeat("filler", i))}."));
        var unpaged = Ids(await host.SearchAsync(word, first: 100));

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = Connection(await host.SearchAsync(word, first: 3, after: after));
            seen.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            Assert.Equal(7, page.GetProperty("totalCount").GetInt32());
            Assert.Equal(after is not null, page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            pages++;
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
                break;
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Equal(3, pages);
        Assert.Equal(unpaged, seen);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Fact]
    public async Task The_default_page_holds_ten_results()
    {
        var word = UniqueWord("acorn");
        for (var i = 0; i < 11; i++)
            await host.RegisterModelAsync($"{word}-{i}");

        var page = Connection(await host.SearchAsync(word));

        Assert.Equal(10, page.GetProperty("edges").GetArrayLength());
        Assert.Equal(11, page.GetProperty("totalCount").GetInt32());
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task A_page_over_one_hundred_is_refused_with_INVALID_ARGUMENT()
        => Assert.Equal(["INVALID_ARGUMENT"], ErrorCodes(await host.SearchAsync("anything", first: 101)));

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("WyJ4IiwiMSJd")]
    public async Task A_malformed_cursor_is_refused_with_INVALID_CURSOR(string cursor)
        => Assert.Equal(["INVALID_CURSOR"], ErrorCodes(await host.SearchAsync("anything", after: cursor)));

    [Fact]
    public async Task A_cursor_from_another_search_or_with_edited_values_is_refused_with_INVALID_CURSOR()
    {
        var word = UniqueWord("ember");
        await host.RegisterModelAsync($"{word}-a");
        await host.RegisterModelAsync($"{word}-b");
        var cursor = Connection(await host.SearchAsync(word, first: 1)).GetProperty("pageInfo").GetProperty("endCursor").GetString()!;

        Assert.Equal(["INVALID_CURSOR"], ErrorCodes(await host.SearchAsync(UniqueWord("other"), after: cursor)));
        Assert.Equal(["INVALID_CURSOR"], ErrorCodes(await host.SearchAsync(word, after: Edit(cursor, part: 2, "Spaceship"))));
        Assert.Equal(["INVALID_CURSOR"], ErrorCodes(await host.SearchAsync(word, after: Edit(cursor, part: 0, "000000000000"))));
    }

    private static string Edit(string cursor, int part, string value)
    {
        var parts = JsonSerializer.Deserialize<string[]>(System.Buffers.Text.Base64Url.DecodeFromChars(cursor))!;
        parts[part] = value;
        return System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(parts));
    }
}
