using System.Text.Json;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Tests.TestSchema;

namespace ModelRegistry.GraphQL.Tests.Http;

/// <summary>Batching, its limit, and the error conventions (codes, no stack traces).</summary>
public sealed class GraphQLHttpBatchAndErrorTests(HttpHostFixture fixture) : IClassFixture<HttpHostFixture>
{
    private readonly HttpClient _client = fixture.Host.Client;

    [Fact]
    public async Task A_batch_answers_an_array_of_results_in_request_order()
    {
        var response = await _client.PostRawAsync(
            """[{"query":"{ hello }"},{"query":"query($n:String!){ greeting(name:$n) }","variables":{"n":"Bo"}},{"query":"{ nope }"}]""",
            accept: "application/graphql-response+json");

        Assert.Equal(200, response.Status);
        var results = response.Json.EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("world", results[0].GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal("Hello, Bo", results[1].GetProperty("data").GetProperty("greeting").GetString());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", results[2].GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_batch_over_the_limit_answers_one_BATCH_TOO_LARGE_error_per_operation()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"query":"{ hello }"}""", 4)) + "]";

        var response = await _client.PostRawAsync(body);

        Assert.Equal(400, response.Status);
        var errors = response.Json.EnumerateArray().Select(r => r.GetProperty("errors")[0]).ToList();
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal("BATCH_TOO_LARGE", e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.All(errors, e => Assert.Contains("at most 3", e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_batch_too_large_to_be_a_client_batch_gets_a_single_BATCH_TOO_LARGE_error()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", GraphQLHttpRequestReader.MaxBatchAnswerSize + 1)) + "]";

        var response = await _client.PostRawAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal(["BATCH_TOO_LARGE"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_empty_batch_is_refused_with_BAD_REQUEST()
    {
        var response = await _client.PostRawAsync("[]");

        Assert.Equal(400, response.Status);
        Assert.Equal(["BAD_REQUEST"], response.ErrorCodes);
    }

    [Fact]
    public async Task An_unexpected_exception_is_INTERNAL_SERVER_ERROR_with_a_generic_message_and_no_stack_trace()
    {
        var response = await _client.PostAsync(new { query = "{ boom hello }" }, "application/graphql-response+json");

        Assert.Equal(200, response.Status);
        Assert.Equal(["INTERNAL_SERVER_ERROR"], response.ErrorCodes);
        Assert.DoesNotContain("hunter2", response.Body);
        Assert.DoesNotContain("   at ", response.Body);
        Assert.False(response.Json.GetProperty("errors")[0].GetProperty("extensions").TryGetProperty("details", out _));
        Assert.Equal("world", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Exception_details_are_exposed_only_when_configured()
    {
        await using var host = await HttpTestHost.StartAsync(o => o.ExposeExceptionDetails = true);

        var response = await host.Client.PostAsync(new { query = "{ boom }" });

        Assert.Equal(["INTERNAL_SERVER_ERROR"], response.ErrorCodes);
        Assert.Contains("hunter2", response.Json.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Contains("InvalidOperationException", response.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("details").GetString());
    }

    [Theory]
    [InlineData("{ coded }", "NAME_TAKEN")]
    [InlineData("{ missing }", "NOT_FOUND")]
    public async Task Codes_set_by_resolvers_pass_through_unchanged(string query, string code)
    {
        var response = await _client.PostAsync(new { query });

        Assert.Equal([code], response.ErrorCodes);
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("data").EnumerateObject().Single().Value.ValueKind);
    }

    [Fact]
    public async Task An_unknown_operation_name_is_a_coded_validation_error()
    {
        var response = await _client.PostAsync(new { query = "query A { hello }", operationName = "B" }, "application/graphql-response+json");

        Assert.Equal(400, response.Status);
        Assert.Equal(["GRAPHQL_VALIDATION_FAILED"], response.ErrorCodes);
    }
}
