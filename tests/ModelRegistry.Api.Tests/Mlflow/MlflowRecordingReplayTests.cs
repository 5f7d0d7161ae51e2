using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Reports;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// Replays, in order, every request MLflow 2.12.2's client was recorded sending (register_model, MlflowClient calls, a
/// missing model, Bearer and Basic auth) and checks each answer field by field as the client reads it. The recorded answers
/// came from a stand-in, so timestamps are only checked to be JSON numbers, and where the stand-in ignored a search filter
/// the expected list is the recorded one narrowed by that filter, as MLflow narrows it.
/// </summary>
public sealed partial class MlflowRecordingReplayTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    /// <summary>The recording, relative to the repository root.</summary>
    public const string RecordingPath = "tests/ModelRegistry.Api.Tests/Mlflow/Fixtures/requests-mlflow-2.12.2.jsonl";

    [Fact]
    public void The_recording_covers_the_client_calls_the_issue_names()
    {
        var calls = Recording().Select(r => $"{r.Method} {r.Path}").ToHashSet();

        Assert.Contains("POST /api/2.0/mlflow/registered-models/create", calls);
        Assert.Contains("POST /api/2.0/mlflow/model-versions/transition-stage", calls);
        Assert.Contains("DELETE /api/2.0/mlflow/model-versions/delete", calls);
        Assert.Contains("GET /api/2.0/mlflow/model-versions/get-download-uri", calls);
        Assert.Contains(Recording(), r => r.Authorization?.StartsWith("Basic ", StringComparison.Ordinal) == true);
        Assert.Contains(Recording(), r => r.Authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Every_recorded_request_gets_the_answer_the_client_read()
    {
        var failures = new List<string>();
        var index = 0;
        foreach (var recorded in Recording())
        {
            index++;
            using var request = new HttpRequestMessage(new HttpMethod(recorded.Method), recorded.Path + (recorded.Query.Length == 0 ? "" : "?" + recorded.Query));
            if (recorded.Body.Length > 0)
                request.Content = new StringContent(recorded.Body, Encoding.UTF8, "application/json");
            request.Headers.UserAgent.ParseAdd(recorded.UserAgent);
            request.Headers.Accept.ParseAdd("*/*");
            switch (recorded.Authorization?.Split(' ', 2))
            {
                case ["Bearer", _]:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GovernedRegistryFactory.AdminKey);
                    break;
                case ["Basic", var credentials]:
                    var user = Encoding.UTF8.GetString(Convert.FromBase64String(credentials)).Split(':', 2)[0];
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", MlflowApi.Basic(user, GovernedRegistryFactory.AdminKey));
                    break;
                case null:
                    request.Headers.Add("X-Api-Key", GovernedRegistryFactory.AdminKey);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected Authorization in the recording: {recorded.Authorization}");
            }

            using var response = await factory.CreateClient().SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var where = $"#{index} {recorded.Method} {recorded.Path}" + (recorded.Query.Length == 0 ? "" : "?" + recorded.Query);
            if ((int)response.StatusCode != recorded.Status)
            {
                failures.Add($"{where}: status {(int)response.StatusCode}, recorded {recorded.Status}: {body}");
                continue;
            }
            JsonElement actual;
            try
            {
                using var document = JsonDocument.Parse(body);
                actual = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                failures.Add($"{where}: the body is not JSON: '{body}'");
                continue;
            }
            var before = failures.Count;
            CompareAnswer(recorded, actual, where, failures);
            if (failures.Count > before)
                failures.Add($"{where}: the whole answer was {body}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void CompareAnswer(RecordedCall recorded, JsonElement actual, string where, List<string> failures)
    {
        var expected = recorded.Response;
        if (!expected.EnumerateObject().Any())
        {
            if (actual.ValueKind != JsonValueKind.Object || actual.EnumerateObject().Any())
                failures.Add($"{where}: expected {{}} as the empty answer");
            return;
        }
        foreach (var field in expected.EnumerateObject())
        {
            if (!actual.TryGetProperty(field.Name, out var value))
            {
                failures.Add($"{where}: '{field.Name}' is missing");
                continue;
            }
            switch (field.Name)
            {
                case "registered_model":
                    CompareModel(field.Value, value, where, failures);
                    break;
                case "model_version":
                    CompareVersion(field.Value, value, where, failures);
                    break;
                case "registered_models":
                    CompareList(Narrowed(field.Value, recorded.Filter), value, where, failures, CompareModel, m => Text(m, "name"));
                    break;
                case "model_versions":
                    CompareList(Narrowed(field.Value, recorded.Filter), value, where, failures, CompareVersion, v => $"{Text(v, "name")}/{Text(v, "version")}");
                    break;
                default:
                    Same(field.Name, field.Value.GetString(), value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), where, failures);
                    break;
            }
        }
        if (recorded.Path.EndsWith("/search", StringComparison.Ordinal) && actual.TryGetProperty("next_page_token", out var token))
            failures.Add($"{where}: a next_page_token ({token}) on what is the only page");
    }

    private static void CompareList(List<JsonElement> expected, JsonElement actual, string where, List<string> failures,
        Action<JsonElement, JsonElement, string, List<string>> compare, Func<JsonElement, string?> key)
    {
        var actualItems = actual.ValueKind == JsonValueKind.Array ? actual.EnumerateArray().ToList() : [];
        var expectedKeys = expected.Select(key).Order(StringComparer.Ordinal).ToList();
        var actualKeys = actualItems.Select(key).Order(StringComparer.Ordinal).ToList();
        if (!expectedKeys.SequenceEqual(actualKeys))
        {
            failures.Add($"{where}: listed [{string.Join(", ", actualKeys)}], expected [{string.Join(", ", expectedKeys)}]");
            return;
        }
        foreach (var item in expected)
            compare(item, actualItems.Single(a => key(a) == key(item)), $"{where} [{key(item)}]", failures);
    }

    private static void CompareModel(JsonElement expected, JsonElement actual, string where, List<string> failures)
    {
        Same("name", Text(expected, "name"), Text(actual, "name"), where, failures);
        Same("description", Text(expected, "description") ?? "", Text(actual, "description") ?? "", where, failures);
        Same("tags", Tags(expected), Tags(actual), where, failures);
        Same("aliases", Pairs(expected, "aliases", "alias", "version"), Pairs(actual, "aliases", "alias", "version"), where, failures);
        Millis(actual, "creation_timestamp", where, failures);
        Millis(actual, "last_updated_timestamp", where, failures);
        if (actual.TryGetProperty("latest_versions", out var latest))
            foreach (var version in latest.EnumerateArray())
                if (version.GetProperty("version").ValueKind != JsonValueKind.String || Text(version, "status") != "READY")
                    failures.Add($"{where}: a latest version the client cannot read: {version}");
    }

    private static void CompareVersion(JsonElement expected, JsonElement actual, string where, List<string> failures)
    {
        Same("name", Text(expected, "name"), Text(actual, "name"), where, failures);
        if (!actual.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
            failures.Add($"{where}: 'version' is not a JSON string");
        Same("version", Text(expected, "version"), Text(actual, "version"), where, failures);
        Same("status", "READY", Text(actual, "status"), where, failures);
        Same("current_stage", Text(expected, "current_stage"), Text(actual, "current_stage"), where, failures);
        Same("source", Text(expected, "source"), Text(actual, "source"), where, failures);
        Same("run_id", Text(expected, "run_id") ?? "", Text(actual, "run_id") ?? "", where, failures);
        Same("description", Text(expected, "description") ?? "", Text(actual, "description") ?? "", where, failures);
        Same("tags", Tags(expected), Tags(actual), where, failures);
        Same("aliases", Strings(expected, "aliases"), Strings(actual, "aliases"), where, failures);
        Millis(actual, "creation_timestamp", where, failures);
        Millis(actual, "last_updated_timestamp", where, failures);
    }

    private static void Millis(JsonElement actual, string field, string where, List<string> failures)
    {
        if (!actual.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _))
            failures.Add($"{where}: '{field}' is not an int64 JSON number");
    }

    private static void Same(string field, string? expected, string? actual, string where, List<string> failures)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            failures.Add($"{where}: '{field}' is '{actual}', expected '{expected}'");
    }

    private static string? Text(JsonElement entity, string field) => MlflowApi.Text(entity, field);

    private static string Tags(JsonElement entity) => string.Join(", ", MlflowApi.TagsOf(entity).Select(t => $"{t.Key}={t.Value}"));

    private static string Strings(JsonElement entity, string field)
        => entity.TryGetProperty(field, out var list) ? string.Join(", ", list.EnumerateArray().Select(s => s.GetString()).Order(StringComparer.Ordinal)) : "";

    private static string Pairs(JsonElement entity, string field, string first, string second)
        => entity.TryGetProperty(field, out var list)
            ? string.Join(", ", list.EnumerateArray().Select(p => $"{Text(p, first)}={Text(p, second)}").Order(StringComparer.Ordinal))
            : "";

    /// <summary>
    /// The recorded list narrowed by the request's filter: the stand-in answered every search with everything it held,
    /// which MLflow does not. Only the two filter forms the recording uses are understood.
    /// </summary>
    private static List<JsonElement> Narrowed(JsonElement recorded, string? filter)
    {
        var items = recorded.EnumerateArray().ToList();
        if (filter is null)
            return items;
        if (NameEquals().Match(filter) is { Success: true } equals)
            return [.. items.Where(i => Text(i, "name") == equals.Groups[1].Value)];
        if (NameLike().Match(filter) is { Success: true } like)
        {
            var pattern = "^" + Regex.Escape(like.Groups[1].Value).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
            return [.. items.Where(i => Regex.IsMatch(Text(i, "name") ?? "", pattern, RegexOptions.CultureInvariant))];
        }
        throw new InvalidOperationException($"The recording uses a filter this replay does not understand: {filter}");
    }

    [GeneratedRegex(@"^name\s*=\s*'([^']*)'$")]
    private static partial Regex NameEquals();

    [GeneratedRegex(@"^name\s+LIKE\s+'([^']*)'$")]
    private static partial Regex NameLike();

    /// <summary>The recorded calls in order.</summary>
    public static List<RecordedCall> Recording()
        => [.. RepositoryFiles.Read(RecordingPath).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(RecordedCall.Parse)];
}

/// <summary>One recorded request of MLflow's client and the answer it was given.</summary>
public sealed record RecordedCall(string Method, string Path, string Query, string Body, string UserAgent, string? Authorization, JsonElement Response, int Status)
{
    /// <summary>The <c>filter</c> query parameter, decoded, or null.</summary>
    public string? Filter
        => Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p[0] == "filter")
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' ')))
            .FirstOrDefault();

    /// <summary>Parses one line of the recording.</summary>
    public static RecordedCall Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var headers = root.GetProperty("headers");
        return new RecordedCall(
            root.GetProperty("method").GetString()!,
            root.GetProperty("path").GetString()!,
            root.GetProperty("query").GetString() ?? "",
            root.GetProperty("body").GetString() ?? "",
            headers.TryGetProperty("User-Agent", out var userAgentHeader) ? userAgentHeader.GetString()! : "mlflow-python-client",
            headers.TryGetProperty("Authorization", out var authorization) ? authorization.GetString() : null,
            root.GetProperty("response").Clone(),
            root.GetProperty("status").GetInt32());
    }
}
