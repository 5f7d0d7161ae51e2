using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Cli.Registry;

/// <summary>GraphQL over HTTP (POST /graphql) with the refusals of the registry turned into <see cref="CliFailure"/>s.</summary>
public sealed class GraphQLClient(RegistryHttp http)
{
    /// <summary>Runs <paramref name="document"/> and returns its <c>data</c>; any GraphQL error refuses the command.</summary>
    public async Task<JsonElement> ExecuteAsync(string document, JsonObject? variables, CancellationToken ct)
    {
        var body = new JsonObject { ["query"] = document, ["variables"] = variables ?? new JsonObject() };
        using var request = new HttpRequestMessage(HttpMethod.Post, http.Connection.Resolve("graphql"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
        using var response = await http.SendAsync(request, ct, RegistryHttp.RequestTimeout);
        var status = (int)response.StatusCode;
        JsonDocument answer;
        try
        {
            answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw CliFailure.Refused(status is 401 ? "UNAUTHENTICATED" : $"HTTP_{status}",
                $"The registry answered {status} without a GraphQL result; is {http.Connection.BaseUrl} a model registry?");
        }
        using (answer)
        {
            var root = answer.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                throw Refusal(errors[0], status);
            if (!response.IsSuccessStatusCode || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Object)
                throw CliFailure.Refused($"HTTP_{status}", $"The registry answered {status} without data.");
            return data.Clone();
        }
    }

    /// <summary>
    /// Runs a mutation and returns the payload under <paramref name="field"/>; a payload with <c>errors</c> refuses the
    /// command with the first error's code.
    /// </summary>
    public async Task<JsonElement> MutateAsync(string document, JsonObject input, string field, CancellationToken ct)
    {
        var data = await ExecuteAsync(document, new JsonObject { ["input"] = input }, ct);
        var payload = data.GetProperty(field);
        if (payload.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var first = errors[0];
            var message = first.GetProperty("message").GetString() ?? "refused";
            if (first.TryGetProperty("field", out var at) && at.ValueKind == JsonValueKind.String)
                message = $"{message} (field '{at.GetString()}')";
            throw CliFailure.Refused(first.GetProperty("code").GetString() ?? "REFUSED", message);
        }
        return payload;
    }

    private static CliFailure Refusal(JsonElement error, int status)
    {
        var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "refused" : "refused";
        var code = error.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
                   && extensions.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!
            : $"HTTP_{status}";
        return CliFailure.Refused(code, message);
    }
}
