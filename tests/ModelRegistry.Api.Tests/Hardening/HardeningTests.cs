using System.Text.Json;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>The registry's schema behind the default limits: bombs are refused with their codes and the server keeps serving.</summary>
public sealed class HardeningTests(HardenedApiFactory factory) : IClassFixture<HardenedApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_depth_bomb_is_refused_with_MAX_DEPTH_EXCEEDED()
    {
        // A connection's `nodes` is not a level of its own (clients do not see it as one), so eight hops of versions and
        // model make 1 + 16 + 1 = 18 levels.
        var query = "{ model(name: \"x\") { " + string.Concat(Enumerable.Repeat("versions { nodes { model { ", 8)) + "id" + new string('}', 25) + " }";

        var response = await factory.QueryAsync(_client, query);

        Assert.Equal(200, response.Status);
        Assert.Equal(["MAX_DEPTH_EXCEEDED"], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_cost_bomb_of_nested_connections_is_refused_with_MAX_COMPLEXITY_EXCEEDED()
    {
        const string query = "{ models(first: 100) { nodes { versions(first: 100) { nodes { model { versions(first: 100) { nodes { id } } } } } } } }";

        var response = await factory.QueryAsync(_client, query);

        Assert.Equal(["MAX_COMPLEXITY_EXCEEDED"], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_with_MAX_ALIASES_EXCEEDED()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 31).Select(i => $"m{i}: model(name: \"m{i}\") {{ id }}")) + " }";

        var response = await factory.QueryAsync(_client, query);

        Assert.Contains("MAX_ALIASES_EXCEEDED", response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task A_batch_over_the_configured_size_answers_one_BATCH_TOO_LARGE_error_per_operation()
    {
        var batch = JsonSerializer.Serialize(Enumerable.Repeat(new { query = "{ __typename }" }, 5));

        var response = await factory.PostAsync(_client, batch);

        // An array answer of the batch's length: Apollo's BatchHttpLink refuses any other length.
        Assert.Equal(400, response.Status);
        Assert.Equal(JsonValueKind.Array, response.Json.ValueKind);
        Assert.Equal(Enumerable.Repeat("BATCH_TOO_LARGE", 5),
            response.Json.EnumerateArray().Select(r => r.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString()));
        Assert.All(response.Json.EnumerateArray(), r => Assert.False(r.TryGetProperty("data", out _)));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_REQUEST_TOO_LARGE()
    {
        var json = "{\"query\":\"{ __typename }\"" + new string(' ', 1024 * 1024) + "}";

        var response = await factory.PostAsync(_client, json, asAdmin: true);

        Assert.Equal(413, response.Status);
        Assert.Equal(["REQUEST_TOO_LARGE"], response.ErrorCodes);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task The_IDE_introspection_query_passes_the_default_limits()
    {
        var response = await factory.PostAsync(_client, JsonSerializer.Serialize(new { query = IntrospectionQueries.Full }),
            accept: "application/graphql-response+json");

        Assert.Equal(200, response.Status);
        Assert.Empty(response.ErrorCodes);
        Assert.Contains(response.Json.GetProperty("data").GetProperty("__schema").GetProperty("types").EnumerateArray(),
            t => t.GetProperty("name").GetString() == "ModelVersion");
    }

    [Fact]
    public async Task A_GET_query_with_cookies_and_no_preflight_header_is_refused_with_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        request.Headers.Add("Cookie", "session=stolen");

        var response = await ApiResponse.ReadAsync(await _client.SendAsync(request));

        Assert.Equal(403, response.Status);
        Assert.Equal(["PREFLIGHT_REQUIRED"], response.ErrorCodes);
    }

    [Fact]
    public async Task A_GET_query_with_cookies_and_an_API_key_runs()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        request.Headers.Add("Cookie", "session=mine");
        request.Headers.Add("X-Api-Key", HardenedApiFactory.AdminKey);

        var response = await ApiResponse.ReadAsync(await _client.SendAsync(request));

        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    private async Task AssertStillServesAsync()
    {
        var response = await factory.QueryAsync(_client, "{ models(first: 5) { nodes { id } } }", asAdmin: true);
        Assert.Equal(200, response.Status);
        Assert.Empty(response.ErrorCodes);
        Assert.Equal(JsonValueKind.Array, response.Json.GetProperty("data").GetProperty("models").GetProperty("nodes").ValueKind);
    }
}

/// <summary><c>Registry:Limits:Introspection=false</c>.</summary>
public sealed class IntrospectionSwitchTests(NoIntrospectionApiFactory factory) : IClassFixture<NoIntrospectionApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Introspection_switched_off_is_refused_with_INTROSPECTION_DISABLED()
    {
        var response = await factory.QueryAsync(_client, "{ __schema { queryType { name } } }");

        Assert.Equal(["INTROSPECTION_DISABLED"], response.ErrorCodes);
    }

    [Fact]
    public async Task Typename_is_still_answered_with_introspection_off()
    {
        var response = await factory.QueryAsync(_client, "{ __typename }");

        Assert.Empty(response.ErrorCodes);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }
}

/// <summary><c>Registry:Limits:RequestsPerMinute=3</c>: budgets per principal, 429 with <c>RATE_LIMITED</c> and <c>Retry-After</c>.</summary>
public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task The_request_over_the_budget_gets_429_RATE_LIMITED_with_Retry_After_and_other_principals_are_unaffected()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(200, (await factory.QueryAsync(client, "{ __typename }")).Status);

        var refused = await factory.QueryAsync(client, "{ __typename }");
        var admin = await factory.QueryAsync(client, "{ __typename }", asAdmin: true);
        var health = await client.GetAsync("/healthz");

        Assert.Equal(429, refused.Status);
        Assert.Equal(["RATE_LIMITED"], refused.ErrorCodes);
        Assert.True(refused.Message.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(200, admin.Status);
        Assert.Equal("Query", admin.Json.GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal(200, (int)health.StatusCode);
    }
}

/// <summary><c>Registry:Limits:FailedAuthenticationsPerMinute=3</c>: guessing credentials from one address is cut off.</summary>
public sealed class FailedAuthenticationLimitTests(FailedAuthenticationLimitedApiFactory factory) : IClassFixture<FailedAuthenticationLimitedApiFactory>
{
    [Fact]
    public async Task After_the_budget_of_refused_keys_every_credential_from_that_address_gets_429_right_or_wrong()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(401, (await SendWithKeyAsync(client, $"mr_guess_{i}")).Status);

        var guess = await SendWithKeyAsync(client, "mr_guess_after_budget");
        var right = await factory.QueryAsync(client, "{ __typename }", asAdmin: true);
        var bearer = await SendAsync(client, request => request.Headers.Add("Authorization", "Bearer not-a-token"));
        var anonymous = await factory.QueryAsync(client, "{ __typename }");

        Assert.Equal(429, guess.Status);
        Assert.Equal(["RATE_LIMITED"], guess.ErrorCodes);
        Assert.Equal("TOO_MANY_FAILED_AUTHENTICATIONS", guess.Json.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.True(guess.Message.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // A right key must not stand out from the guesses, or the block would tell which guess was right.
        Assert.Equal(429, right.Status);
        Assert.Equal(429, bearer.Status);
        // A request without credentials is no guess; the ordinary rules judge it.
        Assert.NotEqual(429, anonymous.Status);
    }

    private Task<ApiResponse> SendWithKeyAsync(HttpClient client, string key)
        => SendAsync(client, request => request.Headers.Add("X-Api-Key", key));

    private static async Task<ApiResponse> SendAsync(HttpClient client, Action<HttpRequestMessage> credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        credential(request);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }
}
