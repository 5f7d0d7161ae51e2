using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>Posts GraphQL requests to <c>/graphql</c> as application/json and reads the answers with System.Text.Json.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    /// <summary>The endpoint path.</summary>
    public const string Path = "/graphql";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The underlying HTTP client, for requests that are not well-formed GraphQL.</summary>
    public HttpClient Http => http;

    /// <summary>Sends one operation and returns the status code and the parsed body, whatever they are.</summary>
    public Task<GraphQLResponse> SendAsync(string query, object? variables = null)
        => PostRawAsync(JsonSerializer.Serialize(new { query, variables }, Json));

    /// <summary>Posts a raw body (possibly not JSON at all) and parses the answer.</summary>
    public async Task<GraphQLResponse> PostRawAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await http.PostAsync(Path, content);
        return await GraphQLResponse.ReadAsync(response);
    }

    /// <summary>Sends one operation that must succeed (200, no top-level errors) and returns its <c>data</c>.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        response.AssertNoErrors();
        return response.Data;
    }

    /// <summary>Runs a mutation whose payload must carry no errors; returns the payload.</summary>
    public async Task<JsonElement> MutateAsync(string mutation, object input)
    {
        var data = await QueryAsync(mutation, new { input });
        var payload = SinglePayload(data);
        var errors = payload.GetProperty("errors");
        Assert.True(errors.ValueKind == JsonValueKind.Null, $"The mutation was refused: {errors}");
        return payload;
    }

    /// <summary>Runs a mutation that must be refused with exactly one payload error; returns that error.</summary>
    public async Task<PayloadError> MutateExpectingErrorAsync(string mutation, object input)
    {
        var data = await QueryAsync(mutation, new { input });
        var payload = SinglePayload(data);
        var errors = payload.GetProperty("errors");
        Assert.True(errors.ValueKind == JsonValueKind.Array, $"The mutation was not refused: {payload}");
        var error = Assert.Single(errors.EnumerateArray());
        foreach (var field in payload.EnumerateObject().Where(f => f.Name != "errors"))
            Assert.True(field.Value.ValueKind == JsonValueKind.Null, $"A refused mutation returned '{field.Name}': {field.Value}");
        return new PayloadError(
            error.GetProperty("__typename").GetString()!,
            error.GetProperty("code").GetString()!,
            error.GetProperty("message").GetString()!,
            error.GetProperty("field").GetString());
    }

    private static JsonElement SinglePayload(JsonElement data)
    {
        var root = Assert.Single(data.EnumerateObject());
        return root.Value;
    }
}

/// <summary>A typed error of a mutation payload as a client reads it.</summary>
public sealed record PayloadError(string TypeName, string Code, string Message, string? Field);

/// <summary>An HTTP answer of the GraphQL endpoint: the status code and the parsed JSON body.</summary>
public sealed class GraphQLResponse
{
    private GraphQLResponse(HttpStatusCode status, string? contentType, string body, JsonElement root)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
        Root = root;
    }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The response media type.</summary>
    public string? ContentType { get; }

    /// <summary>The body as text, for failure messages.</summary>
    public string Body { get; }

    /// <summary>The parsed body.</summary>
    public JsonElement Root { get; }

    /// <summary>The <c>data</c> entry (Undefined when absent).</summary>
    public JsonElement Data => Root.TryGetProperty("data", out var data) ? data : default;

    /// <summary>The top-level errors (empty when there are none).</summary>
    public IReadOnlyList<JsonElement> Errors
        => Root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array ? [.. errors.EnumerateArray()] : [];

    /// <summary>The <c>extensions.code</c> of every top-level error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes
        => [.. Errors.Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null)];

    /// <summary>Fails unless the request answered 200 without top-level errors.</summary>
    public void AssertNoErrors()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200 but got {(int)Status}: {Body}");
        Assert.True(Errors.Count == 0, $"Expected no errors but got: {Body}");
    }

    /// <summary>Reads an HTTP response; the body must be JSON.</summary>
    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"The endpoint answered {(int)response.StatusCode} with a body that is not JSON: {body}");
            throw;
        }
        return new GraphQLResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, root);
    }
}
