using System.Text.Json;

namespace ModelRegistry.GraphQL.Tests.Http;

/// <summary>Status codes and media types per the GraphQL-over-HTTP spec.</summary>
public sealed class GraphQLHttpStatusTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    private const string ResponseJson = "application/graphql-response+json";
    private readonly HttpClient _client = fixture.Host.Client;

    [Theory]
    [InlineData(ResponseJson, ResponseJson)]
    [InlineData("application/json", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData(null, "application/json")]
    [InlineData("text/html;q=0.9, application/graphql-response+json", ResponseJson)]
    public async Task A_query_answers_200_in_the_negotiated_media_type(string? accept, string expected)
    {
        var response = await _client.PostAsync(new { query = "{ hello }" }, accept);

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.MediaType);
        Assert.Equal("world", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("{", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ doesNotExist }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Document_errors_answer_400_without_data_under_graphql_response_json(string query, string code)
    {
        var response = await _client.PostAsync(new { query }, ResponseJson);

        Assert.Equal(400, response.Status);
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.Equal([code], response.ErrorCodes);
    }

    [Theory]
    [InlineData("{", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ doesNotExist }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Document_errors_answer_200_under_application_json(string query, string code)
    {
        var response = await _client.PostAsync(new { query }, "application/json");

        Assert.Equal(200, response.Status);
        Assert.Equal([code], response.ErrorCodes);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_400_under_graphql_response_json_and_200_under_json()
    {
        var request = new { query = "query($n: String!) { greeting(name: $n) }", variables = new { n = new[] { 1, 2 } } };

        var strict = await _client.PostAsync(request, ResponseJson);
        var legacy = await _client.PostAsync(request, "application/json");

        Assert.Equal(400, strict.Status);
        Assert.Equal(["INVALID_ARGUMENT"], strict.ErrorCodes);
        Assert.Equal(200, legacy.Status);
        Assert.Equal(["INVALID_ARGUMENT"], legacy.ErrorCodes);
    }

    [Theory]
    [InlineData("{ \"not json")]
    [InlineData("")]
    [InlineData("{\"qeury\":\"{ hello }\"}")]
    [InlineData("{\"query\":42}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":\"a string\"}")]
    [InlineData("{\"query\":\"{ hello }\",\"variables\":[1]}")]
    [InlineData("{\"query\":\"{ hello }\",\"operationName\":false}")]
    [InlineData("{\"query\":\"{ hello }\",\"extensions\":0}")]
    [InlineData("\"just a string\"")]
    public async Task Malformed_requests_answer_400_with_BAD_REQUEST_under_both_media_types(string body)
    {
        foreach (var accept in new[] { ResponseJson, "application/json" })
        {
            var response = await _client.PostRawAsync(body, accept: accept);

            Assert.Equal(400, response.Status);
            Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
        }
    }

    [Fact]
    public async Task An_unsupported_content_type_is_refused_with_415()
    {
        var response = await _client.PostRawAsync("{ hello }", "text/plain");

        Assert.Equal(415, response.Status);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_missing_content_type_is_refused_with_415()
    {
        var response = await _client.PostRawAsync("{\"query\":\"{ hello }\"}", contentType: null);

        Assert.Equal(415, response.Status);
    }

    [Fact]
    public async Task An_unacceptable_Accept_header_is_refused_with_406()
    {
        var response = await _client.PostAsync(new { query = "{ hello }" }, "application/xml");

        Assert.Equal(406, response.Status);
        Assert.Equal(["NOT_ACCEPTABLE"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_query_over_GET_with_JSON_variables_runs()
    {
        var response = await _client.GetAsync(GraphQLHttpClient.GetUrl("query($n: String!) { greeting(name: $n) }", "{\"n\":\"Ada\"}"), ResponseJson);

        Assert.Equal(200, response.Status);
        Assert.Equal("Hello, Ada", response.Json.GetProperty("data").GetProperty("greeting").GetString());
    }

    [Theory]
    [InlineData(ResponseJson)]
    [InlineData("application/json")]
    public async Task Mutation_over_GET_is_refused_with_405(string accept)
    {
        var response = await _client.GetAsync(GraphQLHttpClient.GetUrl("mutation { setGreeting(text: \"hi\") }"), accept);

        Assert.Equal(405, response.Status);
        Assert.Equal("POST", response.Message.Content.Headers.Allow.Single());
        Assert.Equal(["METHOD_NOT_ALLOWED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Mutation_over_POST_runs()
    {
        var response = await _client.PostAsync(new { query = "mutation { setGreeting(text: \"hi\") }" }, ResponseJson);

        Assert.Equal(200, response.Status);
        Assert.Equal("hi", response.Json.GetProperty("data").GetProperty("setGreeting").GetString());
    }

    [Fact]
    public async Task Non_object_variables_over_GET_are_refused_with_400()
    {
        var response = await _client.GetAsync(GraphQLHttpClient.GetUrl("{ hello }", "[1,2]"), "application/json");

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_browser_page_load_without_query_goes_to_the_next_middleware()
    {
        var response = await _client.GetAsync("/graphql", "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal(200, response.Status);
        Assert.Equal(TestSchema.HttpTestHost.NextMiddlewareBody, response.Body);
    }

    [Fact]
    public async Task A_GET_without_query_from_a_non_browser_is_refused_with_400()
    {
        var response = await _client.GetAsync("/graphql", "*/*");

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task Sdl_query_answers_the_printed_schema_as_application_graphql()
    {
        var response = await _client.GetAsync("/graphql?sdl", "*/*");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/graphql", response.MediaType);
        Assert.Contains("type ThingsConnection {", response.Body);
        Assert.Contains("ids: [ID!]!): [Node]!", response.Body);
    }

    [Fact]
    public async Task Other_HTTP_methods_are_refused_with_405_naming_GET_and_POST()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{}") };
        var response = await _client.SendAsync(request);

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.OrderBy(a => a));
    }

    [Fact]
    public async Task Utf8_content_survives_the_round_trip()
    {
        var response = await _client.PostAsync(new { query = "query($n: String!) { greeting(name: $n) }", variables = new { n = "Run🏃Swim🏊" } });

        Assert.Equal("Hello, Run🏃Swim🏊", response.Json.GetProperty("data").GetProperty("greeting").GetString());
        Assert.Equal(JsonValueKind.Object, response.Json.ValueKind);
    }
}
