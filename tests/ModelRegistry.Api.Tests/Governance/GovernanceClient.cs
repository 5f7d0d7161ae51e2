using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>An answer of the GraphQL endpoint: status code and parsed body.</summary>
public sealed record GovernanceResponse(HttpStatusCode Status, JsonElement Body)
{
    /// <summary>The <c>data</c> entry (Undefined when absent).</summary>
    public JsonElement Data => Body.TryGetProperty("data", out var data) ? data : default;

    /// <summary>The <c>extensions.code</c> of the first top-level error, or null.</summary>
    public string? FirstErrorCode
        => Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
           && errors[0].TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var code) ? code.GetString() : null;
}

/// <summary>Posts GraphQL over HTTP as one principal and reads payloads and typed payload errors.</summary>
public sealed class GovernanceClient(HttpClient http, string? apiKey = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The API key this client presents, for transports that carry it elsewhere (a WebSocket's connection_init).</summary>
    public string? ApiKey => apiKey;

    /// <summary>GETs a REST path and returns its status and JSON body.</summary>
    public async Task<GovernanceResponse> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response);
    }

    /// <summary>Uploads three bytes as <c>probe.bin</c> to the artifact endpoint of <paramref name="modelVersionId"/>.</summary>
    public async Task<GovernanceResponse> UploadAsync(string modelVersionId)
    {
        using var response = await http.PutAsync($"/artifacts/{modelVersionId}/probe.bin", new ByteArrayContent([1, 2, 3]));
        return await ReadAsync(response);
    }

    /// <summary>Sends one operation and returns whatever came back.</summary>
    public async Task<GovernanceResponse> SendAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query, variables }, Json);
        return await ReadAsync(response);
    }

    private static async Task<GovernanceResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return new GovernanceResponse(response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Sends a query that must answer 200 without top-level errors; returns <c>data</c>.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        Assert.True(response.Status == HttpStatusCode.OK && !response.Body.TryGetProperty("errors", out _),
            $"Expected 200 without errors but got {(int)response.Status}: {response.Body}");
        return response.Data;
    }

    /// <summary>Runs a mutation and returns its payload, whatever it holds.</summary>
    public async Task<JsonElement> PayloadAsync(string mutation, object input)
    {
        var data = await QueryAsync(mutation, new { input });
        return Assert.Single(data.EnumerateObject()).Value;
    }

    /// <summary>Runs a mutation that must succeed (no payload errors); returns its payload.</summary>
    public async Task<JsonElement> MutateAsync(string mutation, object input)
    {
        var payload = await PayloadAsync(mutation, input);
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, $"The mutation was refused: {payload}");
        return payload;
    }

    /// <summary>Runs a mutation that must be refused with one typed error; returns that error's code and message.</summary>
    public async Task<(string Code, string Message)> RefusedAsync(string mutation, object input)
    {
        var payload = await PayloadAsync(mutation, input);
        var errors = payload.GetProperty("errors");
        Assert.True(errors.ValueKind == JsonValueKind.Array, $"The mutation was not refused: {payload}");
        var error = Assert.Single(errors.EnumerateArray());
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    /// <summary>The code of the payload's first error, or null when the mutation succeeded.</summary>
    public static string? ErrorCodeOf(JsonElement payload)
        => payload.GetProperty("errors") is { ValueKind: JsonValueKind.Array } errors && errors.GetArrayLength() > 0
            ? errors[0].GetProperty("code").GetString()
            : null;
}
