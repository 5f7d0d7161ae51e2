using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Relay;

/// <summary>A host holding exactly 37 models, registered in a known order.</summary>
public sealed class ThirtySevenModelsFactory : RegistryApiFactory
{
    /// <summary>How many models the host holds.</summary>
    public const int Count = 37;

    /// <summary>The model names, in registration order.</summary>
    public List<string> Names { get; } = [];

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var client = GraphQL();
        for (var i = 0; i < Count; i++)
        {
            var name = $"model-{i:D2}";
            await client.RegisterModelAsync(name);
            Names.Add(name);
        }
    }
}

/// <summary>Walking the <c>models</c> connection page by page, forwards and backwards.</summary>
public sealed class ModelsPagingTests(ThirtySevenModelsFactory factory) : IClassFixture<ThirtySevenModelsFactory>
{
    private const int PageSize = 5;

    private const string ModelsPage = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          models(first: $first, after: $after, last: $last, before: $before) {
            totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Walking_forwards_with_after_visits_every_model_once_in_order_and_flags_the_ends()
    {
        var pages = await ConnectionWalk.ForwardsAsync(client, ModelsPage, "models", PageSize);

        Assert.Equal(factory.Names, pages.SelectMany(p => p.Names));
        Assert.Equal(8, pages.Count);
        Assert.Equal(Enumerable.Repeat(PageSize, 7).Append(2), pages.Select(p => p.Names.Count));
        Assert.False(pages[0].HasPreviousPage);
        Assert.All(pages.Skip(1), p => Assert.True(p.HasPreviousPage));
        Assert.All(pages.SkipLast(1), p => Assert.True(p.HasNextPage));
        Assert.False(pages[^1].HasNextPage);
        Assert.All(pages, p => Assert.Equal(ThirtySevenModelsFactory.Count, p.TotalCount));
    }

    [Fact]
    public async Task Walking_backwards_with_before_and_last_visits_every_model_once_in_order_and_flags_the_ends()
    {
        var pages = await ConnectionWalk.BackwardsAsync(client, ModelsPage, "models", PageSize);

        Assert.Equal(factory.Names, pages.AsEnumerable().Reverse().SelectMany(p => p.Names));
        Assert.Equal(Enumerable.Repeat(PageSize, 7).Append(2), pages.Select(p => p.Names.Count));
        Assert.False(pages[0].HasNextPage);
        Assert.All(pages.Skip(1), p => Assert.True(p.HasNextPage));
        Assert.All(pages.SkipLast(1), p => Assert.True(p.HasPreviousPage));
        Assert.False(pages[^1].HasPreviousPage);
    }

    [Fact]
    public async Task Without_first_or_last_a_page_holds_the_default_10_models()
    {
        var data = await client.QueryAsync("{ models { nodes { name } pageInfo { hasNextPage } } }");

        Assert.Equal(factory.Names.Take(10), data.GetProperty("models").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.True(data.GetProperty("models").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task A_page_of_100_is_allowed_and_returns_every_model()
    {
        var data = await client.QueryAsync("{ models(first: 100) { nodes { name } pageInfo { hasNextPage } } }");

        Assert.Equal(ThirtySevenModelsFactory.Count, data.GetProperty("models").GetProperty("nodes").GetArrayLength());
        Assert.False(data.GetProperty("models").GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("{ models(first: 101) { totalCount } }")]
    [InlineData("{ models(last: 100000) { totalCount } }")]
    [InlineData("{ models(first: -1) { totalCount } }")]
    [InlineData("{ models(first: 2, last: 2) { totalCount } }")]
    public async Task A_page_size_out_of_bounds_is_refused_with_INVALID_ARGUMENT(string query)
    {
        var response = await client.SendAsync(query);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("models").ValueKind);
    }

    [Fact]
    public async Task A_page_size_refused_inside_a_batched_list_is_reported_once_per_field_with_its_own_location()
    {
        // The nested versions of every model are loaded in one batch; the refusal must not be one shared error
        // object that collects every field's location (37 errors of 37 locations, growing as N squared).
        var response = await client.SendAsync("{ models(first: 37) { nodes { name versions(first: 101) { totalCount } } } }");

        Assert.NotEmpty(response.Errors);
        Assert.True(response.Errors.Count <= ThirtySevenModelsFactory.Count, $"{response.Errors.Count} errors");
        Assert.All(response.Errors, e =>
        {
            Assert.Equal("INVALID_ARGUMENT", e.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal(1, e.GetProperty("locations").GetArrayLength());
        });
        Assert.Equal(response.Errors.Count, response.Errors.Select(e => e.GetProperty("path").ToString()).Distinct().Count());
    }

    [Fact]
    public async Task A_cursor_of_another_connection_is_refused_with_INVALID_CURSOR()
    {
        var modelId = await ModelIdAsync();
        await client.CreateVersionAsync(modelId);
        var versions = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { versions { pageInfo { endCursor } } } } }", new { id = modelId });
        var versionCursor = versions.GetProperty("node").GetProperty("versions").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await client.SendAsync(ModelsPage, new { first = 5, after = versionCursor });

        Assert.Equal(["INVALID_CURSOR"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_cursor_of_the_datasets_list_is_refused_on_models_with_INVALID_CURSOR()
    {
        // Both lists are ordered by a long id, so a cursor that only fingerprints the ordering fits either list
        // and would silently return a page of models that starts at an arbitrary place.
        await client.RegisterDatasetAsync();
        var datasets = await client.QueryAsync("{ datasets(first: 1) { pageInfo { endCursor } } }");
        var datasetCursor = datasets.GetProperty("datasets").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await client.SendAsync(ModelsPage, new { first = 5, after = datasetCursor });

        Assert.Equal(["INVALID_CURSOR"], response.ErrorCodes);
    }

    private async Task<string> ModelIdAsync()
    {
        var data = await client.QueryAsync("{ models(first: 1) { nodes { id } } }");
        return data.GetProperty("models").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }
}
