using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelRegistry.GraphQL.Tests.TestSchema;

namespace ModelRegistry.GraphQL.Tests.Http;

/// <summary>One HTTP test host shared by a test class.</summary>
public sealed class HttpHostFixture : IAsyncLifetime
{
    /// <summary>The running host.</summary>
    public HttpTestHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await HttpTestHost.StartAsync(o => o.MaxBatchSize = 3);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>A response as a client sees it: status, headers and the parsed JSON body.</summary>
public sealed record GraphQLHttpResponse(HttpResponseMessage Message, string Body)
{
    /// <summary>The status code as a number.</summary>
    public int Status => (int)Message.StatusCode;

    /// <summary>The response media type.</summary>
    public string? MediaType => Message.Content.Headers.ContentType?.MediaType;

    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The <c>extensions.code</c> of every error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes => Json.TryGetProperty("errors", out var errors)
        ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList()
        : [];
}

/// <summary>Sends GraphQL requests the way HTTP clients do.</summary>
public static class GraphQLHttpClient
{
    /// <summary>POSTs a raw body with the given content type and Accept header.</summary>
    public static async Task<GraphQLHttpResponse> PostRawAsync(this HttpClient client, string body, string? contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await SendAsync(client, request);
    }

    /// <summary>POSTs a request object serialized as JSON.</summary>
    public static Task<GraphQLHttpResponse> PostAsync(this HttpClient client, object request, string? accept = null)
        => client.PostRawAsync(JsonSerializer.Serialize(request), accept: accept);

    /// <summary>GETs a relative URL with an optional Accept header.</summary>
    public static async Task<GraphQLHttpResponse> GetAsync(this HttpClient client, string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await SendAsync(client, request);
    }

    /// <summary>Builds a GET URL for a query and optional JSON-encoded variables.</summary>
    public static string GetUrl(string query, string? variables = null)
        => "/graphql?query=" + Uri.EscapeDataString(query) + (variables is null ? "" : "&variables=" + Uri.EscapeDataString(variables));

    private static async Task<GraphQLHttpResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        return new GraphQLHttpResponse(response, await response.Content.ReadAsStringAsync());
    }
}
