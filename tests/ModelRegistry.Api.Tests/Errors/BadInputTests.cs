using System.Net;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace ModelRegistry.Api.Tests.Errors;

/// <summary>Bad requests get a clear status and error code, never a 500.</summary>
public sealed class BadInputTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private static void AssertRefused(GraphQLResponse response, HttpStatusCode status, string code)
    {
        Assert.True(response.Status == status, $"Expected {(int)status} but got {(int)response.Status}: {response.Body}");
        Assert.Equal([code], response.ErrorCodes);
        Assert.False(string.IsNullOrWhiteSpace(response.Errors[0].GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData("{\"query\": \"{ models { totalCount } }\"")]
    [InlineData("this is not json")]
    [InlineData("[1, 2")]
    public async Task A_body_that_is_not_json_is_refused_with_400_BAD_REQUEST(string body)
    {
        var response = await client.PostRawAsync(body);

        AssertRefused(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"variables\": {}}")]
    [InlineData("{\"query\": null}")]
    [InlineData("{\"query\": 42}")]
    [InlineData("")]
    public async Task A_request_without_a_query_string_is_refused_with_400_BAD_REQUEST(string body)
    {
        var response = await client.PostRawAsync(body);

        AssertRefused(response, HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_body_that_is_not_json_media_type_is_refused_with_415()
    {
        var response = await client.PostRawAsync("{ models { totalCount } }", "text/plain");

        AssertRefused(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_refused_with_INVALID_ARGUMENT()
    {
        var response = await client.SendAsync("query($name: String!) { model(name: $name) { id } }", new { name = new[] { 1, 2 } });

        AssertRefused(response, HttpStatusCode.OK, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task An_unknown_enum_value_in_a_mutation_input_is_refused_with_INVALID_ARGUMENT()
    {
        var response = await client.SendAsync(Operations.RegisterModel, new { input = new { name = "enum-test", task = "TELEPATHY", owner = "x" } });

        AssertRefused(response, HttpStatusCode.OK, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_missing_required_input_field_is_refused_with_INVALID_ARGUMENT()
    {
        var response = await client.SendAsync(Operations.RegisterModel, new { input = new { name = "no-owner", task = "OTHER" } });

        AssertRefused(response, HttpStatusCode.OK, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task With_the_graphql_response_media_type_a_request_that_cannot_run_answers_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphQLClient.Path)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "query($n: Int!) { models(first: $n) { totalCount } }", variables = new { n = "ten" } }),
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");

        using var http = await client.Http.SendAsync(request);
        var response = await GraphQLResponse.ReadAsync(http);

        AssertRefused(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT");
        Assert.Equal("application/graphql-response+json", response.ContentType);
    }

    [Fact]
    public async Task A_syntax_error_is_refused_with_GRAPHQL_PARSE_FAILED()
    {
        var response = await client.SendAsync("{ models { totalCount ");

        AssertRefused(response, HttpStatusCode.OK, "GRAPHQL_PARSE_FAILED");
    }

    [Fact]
    public async Task An_unknown_field_is_refused_with_GRAPHQL_VALIDATION_FAILED()
    {
        var response = await client.SendAsync("{ models { nonsense } }");

        AssertRefused(response, HttpStatusCode.OK, "GRAPHQL_VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_unknown_but_well_formed_id_reads_as_null_in_queries_and_as_NOT_FOUND_in_mutations()
    {
        var query = await client.SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id = Ids.Unknown("ModelVersion") });
        var mutation = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion,
            new { modelVersionId = Ids.Unknown("ModelVersion"), targetStage = "STAGING", reason = "x" });

        query.AssertNoErrors();
        Assert.Equal(JsonValueKind.Null, query.Data.GetProperty("node").ValueKind);
        Assert.Equal("NOT_FOUND", mutation.Code);
    }

    [Fact]
    public async Task A_malformed_id_is_refused_with_INVALID_ARGUMENT_in_queries_and_VALIDATION_FAILED_in_mutations()
    {
        var query = await client.SendAsync("query($id: ID!) { node(id: $id) { id } }", new { id = "*not*an*id*" });
        var mutation = await client.MutateExpectingErrorAsync(Operations.RecordDeployment, new { modelVersionId = "*not*an*id*", environment = "prod" });

        AssertRefused(query, HttpStatusCode.OK, "INVALID_ARGUMENT");
        Assert.Equal(("VALIDATION_FAILED", "modelVersionId"), (mutation.Code, mutation.Field));
    }

    [Fact]
    public async Task A_page_of_100000_is_refused_with_INVALID_ARGUMENT_and_the_limit_in_the_message()
    {
        var response = await client.SendAsync("{ models(first: 100000) { totalCount } }");

        AssertRefused(response, HttpStatusCode.OK, "INVALID_ARGUMENT");
        Assert.Contains("100", response.Errors[0].GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("WyJ4Il0")]
    [InlineData("")]
    public async Task A_bad_cursor_is_refused_with_INVALID_CURSOR(string cursor)
    {
        // WyJ4Il0 is base64url of ["x"]: decodable JSON, but no cursor of this list.
        var response = await client.SendAsync("query($after: String) { models(first: 5, after: $after) { totalCount } }", new { after = cursor });

        AssertRefused(response, HttpStatusCode.OK, "INVALID_CURSOR");
    }

    [Fact]
    public async Task A_bad_before_cursor_on_a_nested_connection_is_refused_with_INVALID_CURSOR()
    {
        var modelId = await client.RegisterModelAsync();

        var response = await client.SendAsync("query($id: ID!) { node(id: $id) { ... on Model { versions(last: 2, before: \"nope\") { totalCount } } } }", new { id = modelId });

        AssertRefused(response, HttpStatusCode.OK, "INVALID_CURSOR");
    }

    [Fact]
    public async Task Other_http_methods_are_refused_with_405()
    {
        using var http = await client.Http.PutAsync(GraphQLClient.Path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var response = await GraphQLResponse.ReadAsync(http);

        AssertRefused(response, HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused_with_405()
    {
        var query = Uri.EscapeDataString("mutation { registerDataset(input: { name: \"over-get\" }) { dataset { id } } }");
        using var http = await client.Http.GetAsync($"{GraphQLClient.Path}?query={query}");
        var response = await GraphQLResponse.ReadAsync(http);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        var datasets = await client.QueryAsync("{ datasets(first: 100) { nodes { name } } }");
        Assert.DoesNotContain("over-get", datasets.GetProperty("datasets").GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_refused_mutation_payload_matches_its_snapshot()
    {
        var response = await client.SendAsync(Operations.PromoteModelVersion,
            new { input = new { modelVersionId = Ids.Unknown("ModelVersion"), targetStage = "STAGING", reason = "Snapshot" } });

        response.AssertNoErrors();
        JToken.Parse(response.Data.GetRawText()).MatchSnapshot();
    }

    [Theory]
    [InlineData("{ models(first: 10000000000) { totalCount } }")]
    [InlineData("{ models(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }")]
    [InlineData("{ node(id: \"TW9kZWw6OTk5OTk5OTk5OTk5OTk5OTk5OTk5\") { id } }")]
    [InlineData("{ node(id: \"TW9kZWw6YWJj\") { id } }")]
    [InlineData("{ nodes(ids: []) { id } }")]
    [InlineData("mutation { createModelVersion(input: { modelId: \"x\", hyperparameters: { a: [1, 2.5, true, null, \"s\", ENUMISH] } }) { errors { code } } }")]
    [InlineData("mutation { createDatasetVersion(input: { datasetId: \"RGF0YXNldDox\", version: \"v\", rowCount: 99999999999999999999 }) { errors { code } } }")]
    [InlineData("mutation { recordDeployment(input: { modelVersionId: \"TW9kZWxWZXJzaW9uOjE\", environment: \"p\", trafficPercent: -5 }) { errors { code } } }")]
    [InlineData("query { __typename } mutation { __typename }")]
    public async Task Odd_but_possible_requests_never_fail_with_a_server_error(string query)
    {
        var response = await client.SendAsync(query);

        Assert.True((int)response.Status < 500, $"{(int)response.Status}: {response.Body}");
        Assert.DoesNotContain("INTERNAL_SERVER_ERROR", response.ErrorCodes);
        Assert.DoesNotContain("EXECUTION_FAILED", response.ErrorCodes);
    }
}
