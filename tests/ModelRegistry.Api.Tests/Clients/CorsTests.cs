using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Clients;

/// <summary>A Production host that lets pages from <see cref="AllowedOrigin"/> (given in both configuration forms) call it.</summary>
public sealed class CorsRegistryApiFactory : RegistryApiFactory
{
    /// <summary>An origin on the list, as a browser app in development would send it.</summary>
    public const string AllowedOrigin = "http://localhost:3000";

    /// <summary>A second listed origin, given through the array form of the setting.</summary>
    public const string ArrayOrigin = "https://app.example.com";

    /// <summary>An origin on no list.</summary>
    public const string ForeignOrigin = "https://evil.example";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Registry:Cors:AllowedOrigins", AllowedOrigin + ", http://127.0.0.1:3000");
        builder.UseSetting("Registry:Cors:AllowedOrigins:0", ArrayOrigin + "/");
    }
}

/// <summary>What browsers on listed, foreign and the API's own origin get from every transport.</summary>
public sealed class CorsTests(CorsRegistryApiFactory factory) : IClassFixture<CorsRegistryApiFactory>
{
    private const string Allowed = CorsRegistryApiFactory.AllowedOrigin;
    private const string Foreign = CorsRegistryApiFactory.ForeignOrigin;

    [Theory]
    [InlineData("/graphql", Allowed)]
    [InlineData("/graphql/", Allowed)]
    [InlineData("/graphql", CorsRegistryApiFactory.ArrayOrigin)]
    public async Task A_preflight_from_a_listed_origin_is_answered_with_that_origin_and_no_credentials(string path, string origin)
    {
        using var response = await PreflightAsync(path, origin, "POST", "content-type, x-api-key, authorization, graphql-preflight");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        var methods = Header(response, "Access-Control-Allow-Methods")!;
        Assert.Contains("GET", methods);
        Assert.Contains("POST", methods);
        var headers = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        foreach (var header in new[] { "content-type", "x-api-key", "authorization", "graphql-preflight" })
            Assert.Contains(header, headers);
    }

    [Fact]
    public async Task A_preflight_from_a_foreign_origin_gets_204_without_any_CORS_header()
    {
        using var response = await PreflightAsync("/graphql", Foreign, "POST", "content-type");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("Origin", Header(response, "Vary"));
    }

    [Fact]
    public async Task A_POST_from_a_listed_origin_is_answered_with_that_origin_and_exposes_Retry_After()
    {
        using var response = await PostAsync(Allowed, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_refused_credential_still_carries_the_CORS_header_so_the_page_can_read_the_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json("{ __typename }") };
        request.Headers.Add("Origin", Allowed);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_POST_from_a_foreign_origin_carries_no_CORS_header()
    {
        using var response = await PostAsync(Foreign, "application/json");

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"));
    }

    [Fact]
    public async Task The_artifact_upload_route_allows_PUT_to_listed_origins()
    {
        using var response = await PreflightAsync("/artifacts/1/model.bin", Allowed, "PUT", "content-type, x-api-key");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task The_jobs_dashboard_answers_no_preflight()
    {
        using var response = await PreflightAsync("/hangfire", Allowed, "GET", "x-api-key");

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_WebSocket_from_a_foreign_origin_is_refused_with_403_before_the_upgrade()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(Foreign));

        Assert.Contains("403", error.Message);
    }

    [Theory]
    [InlineData(Allowed)]
    [InlineData("http://localhost")]
    [InlineData(null)]
    public async Task A_WebSocket_from_a_listed_origin_the_API_own_origin_or_no_browser_is_accepted(string? origin)
    {
        await using var socket = await ConnectAsync(origin);

        var result = await socket.RunAsync("1", "{ __typename }");
        Assert.Equal("Query", result["data"]?["__typename"]?.GetValue<string>());
    }

    [Fact]
    public async Task An_event_stream_from_a_foreign_origin_is_refused_with_403_ORIGIN_NOT_ALLOWED()
    {
        using var response = await PostAsync(Foreign, "text/event-stream");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ORIGIN_NOT_ALLOWED", body.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(Allowed)]
    [InlineData("http://localhost")]
    public async Task An_event_stream_from_a_listed_or_the_API_own_origin_is_served(string origin)
    {
        using var response = await PostAsync(origin, "text/event-stream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"__typename\":\"Query\"", await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PreflightAsync(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return factory.CreateClient().SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(string origin, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = Json("{ __typename }") };
        request.Headers.Add("Origin", origin);
        request.Headers.Add(TestCredentials.Header, TestCredentials.AdminKey);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return factory.CreateClient().SendAsync(request);
    }

    private Task<RegistrySocket> ConnectAsync(string? origin)
        => RegistrySocket.ConnectAsync(factory, RegistrySocket.TransportWs, new System.Text.Json.Nodes.JsonObject { ["X-Api-Key"] = TestCredentials.AdminKey },
            origin is null ? null : request => request.Headers.Origin = origin);

    private static StringContent Json(string query)
    {
        var content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
