using System.Text;
using System.Text.Json;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>One limits host with the default limits and a batch size of 3, shared by a test class.</summary>
public sealed class LimitsHostFixture : IAsyncLifetime
{
    /// <summary>The running host.</summary>
    public LimitsTestHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await LimitsTestHost.StartAsync(maxBatchSize: 3);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Depth, cost, alias, root-field, batch and body limits with their defaults, as a client meets them.</summary>
public sealed class LimitsTests(LimitsHostFixture fixture) : IClassFixture<LimitsHostFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task A_depth_bomb_is_refused_with_MAX_DEPTH_EXCEEDED()
    {
        var query = "{ root { " + string.Concat(Enumerable.Repeat("self { ", 20)) + "id" + new string('}', 21) + " }";

        var response = await Client.PostAsync(new { query }, accept: "application/graphql-response+json");

        Assert.Equal(400, response.Status);
        Assert.Equal([LimitErrorCodes.MaxDepthExceeded], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_query_at_the_depth_limit_runs_and_one_level_more_is_refused()
    {
        // root + 13 × self + id = 15 levels, leaf fields included.
        static string Nested(int selves) => "{ root { " + string.Concat(Enumerable.Repeat("self { ", selves)) + "id" + new string('}', selves + 1) + " }";

        var atLimit = await Client.PostAsync(new { query = Nested(13) });
        var beyond = await Client.PostAsync(new { query = Nested(14) });

        Assert.Equal(200, atLimit.Status);
        Assert.Empty(atLimit.ErrorCodes);
        Assert.Equal(JsonValueKind.Object, atLimit.Json.GetProperty("data").GetProperty("root").GetProperty("self").ValueKind);
        Assert.Equal([LimitErrorCodes.MaxDepthExceeded], beyond.ErrorCodes);
    }

    [Fact]
    public async Task A_cost_bomb_of_nested_connections_is_refused_with_MAX_COMPLEXITY_EXCEEDED()
    {
        const string query = """
            { nodes(first: 100) { edges { node { children(first: 100) { edges { node {
                children(first: 100) { nodes { id children(first: 100) { nodes { id } } } } } } } } } } }
            """;

        var response = await Client.PostAsync(new { query });

        Assert.Equal(200, response.Status);
        Assert.Equal([LimitErrorCodes.MaxComplexityExceeded], response.ErrorCodes);
        Assert.False(response.Json.TryGetProperty("data", out _));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Page_sizes_given_as_variables_count_toward_the_cost()
    {
        const string query = """
            query ($n: Int) { nodes(first: $n) { nodes { children(first: $n) { nodes { children(first: $n) { nodes { id } } } } } } }
            """;

        var cheap = await Client.PostAsync(new { query, variables = new { n = 2 } });
        var costly = await Client.PostAsync(new { query, variables = new { n = 100 } });

        Assert.Empty(cheap.ErrorCodes);
        Assert.Equal([LimitErrorCodes.MaxComplexityExceeded], costly.ErrorCodes);
    }

    [Fact]
    public async Task Nested_connections_with_small_pages_run()
    {
        const string query = "{ nodes(first: 2) { edges { node { id children(first: 2) { nodes { id } } } } } }";

        var response = await Client.PostAsync(new { query });

        Assert.Empty(response.ErrorCodes);
        Assert.Equal(2, response.Json.GetProperty("data").GetProperty("nodes").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_with_MAX_ALIASES_EXCEEDED()
    {
        var query = "{ root { " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"a{i}: id")) + " } }";

        var response = await Client.PostAsync(new { query });

        Assert.Equal([LimitErrorCodes.MaxAliasesExceeded], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task Aliases_hidden_in_fragments_are_counted()
    {
        var fragment = "fragment Many on TreeNode { " + string.Join(" ", Enumerable.Range(0, 31).Select(i => $"a{i}: id")) + " }";

        var response = await Client.PostAsync(new { query = "{ root { ...Many } } " + fragment });

        Assert.Equal([LimitErrorCodes.MaxAliasesExceeded], response.ErrorCodes);
    }

    [Fact]
    public async Task Too_many_root_fields_are_refused_with_MAX_ROOT_FIELDS_EXCEEDED()
    {
        // Twenty-one repeats of one field need no aliases, so only the root-field limit can refuse them.
        var query = "{ " + string.Join(" ", Enumerable.Repeat("hello", 21)) + " }";

        var response = await Client.PostAsync(new { query });

        Assert.Equal([LimitErrorCodes.MaxRootFieldsExceeded], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_full_introspection_query_passes_the_default_limits()
    {
        var response = await Client.PostAsync(new { query = IntrospectionQueries.Full }, accept: "application/graphql-response+json");

        Assert.True(response.Status == 200, response.Body);
        Assert.Empty(response.ErrorCodes);
        var types = response.Json.GetProperty("data").GetProperty("__schema").GetProperty("types").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString());
        Assert.Contains("TreeConnection", types);
    }

    [Fact]
    public async Task A_batch_larger_than_the_configured_size_answers_BATCH_TOO_LARGE_for_each_operation()
    {
        var batch = Enumerable.Repeat(new { query = "{ hello }" }, 50).ToArray();

        var response = await Client.PostAsync(batch);

        Assert.Equal(400, response.Status);
        Assert.Equal(Enumerable.Repeat("BATCH_TOO_LARGE", 50),
            response.Json.EnumerateArray().Select(r => r.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_REQUEST_TOO_LARGE()
    {
        var padding = new string(' ', 1024 * 1024 + 10);

        var response = await Client.PostRawAsync("{\"query\":\"{ hello }\"" + padding + "}");

        Assert.Equal(413, response.Status);
        Assert.Equal([LimitErrorCodes.RequestTooLarge], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_a_length_is_refused_with_413()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"query\":\"{ hello }\"" + new string(' ', 1024 * 1024 + 10) + "}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StreamContent(new UnknownLengthStream(bytes)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal(LimitErrorCodes.RequestTooLarge, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read_in_full()
    {
        var response = await Client.PostRawAsync("{\"query\":\"{ hello }\"" + new string(' ', 512 * 1024) + "}");

        Assert.Equal(200, response.Status);
        Assert.Equal("world", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_GET_query_with_cookies_but_no_preflight_header_is_refused_with_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpClient.GetUrl("{ hello }"));
        request.Headers.Add("Cookie", "session=abc");

        using var response = await Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(LimitErrorCodes.PreflightRequired, body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("GraphQL-Preflight", "1")]
    [InlineData("Authorization", "Bearer token")]
    public async Task A_GET_query_with_cookies_and_a_preflight_forcing_header_runs(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLHttpClient.GetUrl("{ hello }"));
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await Client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_GET_query_without_cookies_runs_without_a_preflight_header()
    {
        var response = await Client.GetAsync(GraphQLHttpClient.GetUrl("{ hello }"), accept: null);

        Assert.Equal(200, response.Status);
        Assert.Equal("world", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_POST_a_form_could_send_is_refused_with_415(string contentType)
    {
        var response = await Client.PostRawAsync("{\"query\":\"mutation { echo(text: \\\"x\\\") }\"}", contentType);

        Assert.Equal(415, response.Status);
        Assert.Equal(["UNSUPPORTED_MEDIA_TYPE"], response.ErrorCodes);
    }

    private async Task AssertStillServesAsync()
    {
        var response = await Client.PostAsync(new { query = "{ hello }" });
        Assert.Equal(200, response.Status);
        Assert.Equal("world", response.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    // A stream whose length is unknown, so the client must send the body chunked.
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
