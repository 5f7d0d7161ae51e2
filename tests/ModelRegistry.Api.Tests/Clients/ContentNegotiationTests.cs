using System.Net;
using System.Net.Http.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Clients;

/// <summary>
/// <c>Accept</c> is negotiated by q-value: clients that list every type they read (urql, by default) get JSON for
/// queries and mutations and an event stream only for subscriptions, or when they rank the stream strictly higher.
/// </summary>
public sealed class ContentNegotiationTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    /// <summary>The Accept header urql sends with every request by default.</summary>
    private const string UrqlAccept = "application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed";

    private const string Subscription = "subscription { registryEvents { sequence } }";

    [Fact]
    public async Task Urql_default_Accept_gets_JSON_for_a_query()
    {
        using var response = await PostAsync("{ __typename }", UrqlAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"data\":{\"__typename\":\"Query\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Urql_default_Accept_gets_JSON_for_a_mutation()
    {
        var variables = new { input = new { name = RegistryArrange.UniqueName("negotiated"), task = "CLASSIFICATION", owner = "test-team" } };

        using var response = await PostAsync(Operations.RegisterModel, UrqlAccept, variables);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"registerModel\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Urql_default_Accept_gets_an_event_stream_for_a_subscription()
    {
        using var response = await PostAsync(Subscription, UrqlAccept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_subscription_named_by_operationName_streams_and_a_query_beside_it_does_not()
    {
        const string document = "query Q($f: ModelFilterInput = { name: { eq: \"x\" } }) { models(where: $f, first: 1) { totalCount } } subscription S { registryEvents { sequence } }";

        using var subscription = await PostAsync(document, UrqlAccept, operationName: "S");
        using var query = await PostAsync(document, UrqlAccept, operationName: "Q");

        Assert.Equal("text/event-stream", subscription.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/graphql-response+json", query.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Urql_default_Accept_gets_a_validation_error_as_400_JSON()
    {
        using var response = await PostAsync("{ noSuchField }", UrqlAccept);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GRAPHQL_VALIDATION_FAILED", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/graphql-response+json, text/event-stream;q=0")]
    [InlineData("text/event-stream;q=0, application/graphql-response+json")]
    [InlineData("text/event-stream;q=0.5, application/graphql-response+json;q=0.5")]
    public async Task An_event_stream_that_does_not_rank_above_JSON_never_carries_a_validation_error(string accept)
    {
        using var response = await PostAsync("{ noSuchField }", accept);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/graphql-response+json, text/event-stream;q=0")]
    [InlineData("application/graphql-response+json")]
    public async Task A_subscription_that_cannot_stream_is_refused_with_SUBSCRIPTION_REQUIRES_STREAM(string accept)
    {
        using var response = await PostAsync(Subscription, accept);
        var body = await response.Content.ReadAsStringAsync();

        // Not 200 {"data":null}, on which Apollo's HttpLink completes silently.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"SUBSCRIPTION_REQUIRES_STREAM\"", body);
        Assert.DoesNotContain("\"data\"", body);
    }

    [Fact]
    public async Task A_subscription_in_a_batch_gets_its_own_SUBSCRIPTION_REQUIRES_STREAM_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new[] { new { query = "{ __typename }" }, new { query = Subscription } }),
        };
        request.Headers.Add(TestCredentials.Header, TestCredentials.AdminKey);

        using var response = await factory.CreateClient().SendAsync(request);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("Query", body.RootElement[0].GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal("SUBSCRIPTION_REQUIRES_STREAM", body.RootElement[1].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("text/event-stream")]
    [InlineData("text/event-stream, application/json;q=0.9")]
    public async Task A_query_from_a_client_that_prefers_the_event_stream_is_streamed(string accept)
    {
        using var response = await PostAsync("{ __typename }", accept);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"__typename\":\"Query\"", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string query, string accept, object? variables = null, string? operationName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables, operationName }) };
        request.Headers.Add(TestCredentials.Header, TestCredentials.AdminKey);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        // Headers only: a subscription's stream stays open until the test disposes the response.
        return await factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
