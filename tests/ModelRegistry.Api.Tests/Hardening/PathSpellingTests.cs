using System.Text.Json;
using ModelRegistry.GraphQL.Http;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>Every spelling of the endpoint path meets the same limits: the body limit and the per-principal budget.</summary>
public sealed class PathSpellingTests(HardenedApiFactory factory) : IClassFixture<HardenedApiFactory>
{
    /// <summary>Spellings a client or an attacker may send for /graphql.</summary>
    public static TheoryData<string> Spellings => new() { "/graphql/", "/GraphQL", "//graphql", "/graphql//", "/GRAPHQL/", "/graphql?x=1", "/graphql/?x=1" };

    private static readonly string Oversized = "{\"query\":\"{ __typename }\"" + new string(' ', 1024 * 1024) + "}";

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task An_oversized_body_is_refused_with_413_over_HTTP_at_every_spelling(string path)
    {
        var response = await factory.PostAsync(factory.CreateClient(), Oversized, asAdmin: true, path: path);

        Assert.Equal(413, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task An_oversized_body_is_refused_with_413_over_SSE_at_every_spelling(string path)
    {
        var response = await factory.PostAsync(factory.CreateClient(), Oversized, asAdmin: true, accept: "text/event-stream", path: path);

        Assert.Equal(413, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task A_query_is_served_at_every_spelling(string path)
    {
        var response = await factory.PostAsync(factory.CreateClient(), JsonSerializer.Serialize(new { query = "{ __typename }" }), asAdmin: true, path: path);

        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task The_IDE_page_at_the_trailing_slash_is_still_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql/");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await factory.CreateClient().SendAsync(request);

        // 200 with the IDE, or 404 with the page saying it is not installed: either way the IDE answered, not GraphQL.
        Assert.Contains((int)response.StatusCode, new[] { 200, 404 });
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/graphql/", "/graphql")]
    [InlineData("//GraphQL//", "/GraphQL")]
    [InlineData("/", "/")]
    [InlineData("/graphql/x", "/graphql/x")]
    public void Canonical_collapses_slashes_and_drops_a_trailing_one(string path, string canonical)
        => Assert.Equal(canonical, GraphQLPathCanonicalisation.Canonical(path));
}

/// <summary>The per-principal budget counts requests at every spelling of the path, over HTTP and SSE.</summary>
public sealed class PathSpellingRateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task Requests_at_other_spellings_spend_the_same_budget_and_are_refused_once_it_is_spent()
    {
        var client = factory.CreateClient();
        var query = JsonSerializer.Serialize(new { query = "{ __typename }" });
        Assert.Equal(200, (await factory.PostAsync(client, query, path: "/graphql/")).Status);
        Assert.Equal(200, (await factory.PostAsync(client, query, path: "/GraphQL")).Status);
        Assert.Equal(200, (await factory.PostAsync(client, query, accept: "text/event-stream", path: "//graphql")).Status);

        var refused = new List<ApiResponse>();
        foreach (var path in new[] { "/graphql", "/graphql/", "/GRAPHQL/", "//graphql", "/graphql?x=1" })
        {
            refused.Add(await factory.PostAsync(client, query, path: path));
            refused.Add(await factory.PostAsync(client, query, accept: "text/event-stream", path: path));
        }

        Assert.All(refused, r => Assert.Equal((429, "RATE_LIMITED"), (r.Status, r.ErrorCodes.Single())));
    }
}
