using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelRegistry.Api.Tests.Reports;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// Speaks MLflow's Model Registry REST API the way MLflow's Python client does: GET with query parameters (repeated keys
/// for lists), POST, PATCH and DELETE with a JSON body.
/// </summary>
public sealed class MlflowApi(HttpClient http)
{
    /// <summary>The prefix every route lives under.</summary>
    public const string Root = "/api/2.0/mlflow/";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The underlying HTTP client.</summary>
    public HttpClient Http => http;

    /// <summary>A client acting as the bootstrap admin with the key in X-Api-Key.</summary>
    public static MlflowApi Admin(GovernedRegistryFactory factory) => new(factory.ClientWithKey(GovernedRegistryFactory.AdminKey));

    /// <summary>A client sending <paramref name="apiKey"/> in X-Api-Key.</summary>
    public static MlflowApi WithKey(GovernedRegistryFactory factory, string apiKey) => new(factory.ClientWithKey(apiKey));

    /// <summary>A client sending <c>Authorization: Bearer &lt;token&gt;</c>, as MLFLOW_TRACKING_TOKEN does.</summary>
    public static MlflowApi WithBearer(GovernedRegistryFactory factory, string token)
    {
        var client = factory.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new MlflowApi(client);
    }

    /// <summary>A client sending Basic credentials, as MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD do.</summary>
    public static MlflowApi WithBasic(GovernedRegistryFactory factory, string user, string password)
    {
        var client = factory.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Basic(user, password));
        return new MlflowApi(client);
    }

    /// <summary>The Basic credential token of <paramref name="user"/> and <paramref name="password"/>.</summary>
    public static string Basic(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>GET <paramref name="route"/> with the query parameters in order (a key may repeat).</summary>
    public async Task<MlflowAnswer> GetAsync(string route, params (string Key, string Value)[] query)
    {
        var uri = Root + route + (query.Length == 0 ? "" : "?" + string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
        using var response = await http.GetAsync(uri);
        return await MlflowAnswer.ReadAsync(response);
    }

    /// <summary>Sends <paramref name="body"/> serialised as JSON with <paramref name="method"/> (DELETE included).</summary>
    public Task<MlflowAnswer> SendAsync(HttpMethod method, string route, object body)
        => SendRawAsync(method, route, JsonSerializer.Serialize(body, Json));

    /// <summary>POST with a JSON body.</summary>
    public Task<MlflowAnswer> PostAsync(string route, object body) => SendAsync(HttpMethod.Post, route, body);

    /// <summary>PATCH with a JSON body.</summary>
    public Task<MlflowAnswer> PatchAsync(string route, object body) => SendAsync(HttpMethod.Patch, route, body);

    /// <summary>DELETE with a JSON body, as MLflow's client sends it.</summary>
    public Task<MlflowAnswer> DeleteAsync(string route, object body) => SendAsync(HttpMethod.Delete, route, body);

    /// <summary>Sends a raw body (possibly not JSON) with Content-Type application/json.</summary>
    public async Task<MlflowAnswer> SendRawAsync(HttpMethod method, string route, string body)
    {
        using var request = new HttpRequestMessage(method, Root + route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        return await MlflowAnswer.ReadAsync(response);
    }

    /// <summary><c>registered-models/create</c>, which must succeed; returns <c>registered_model</c>.</summary>
    public async Task<JsonElement> CreateModelAsync(string name, string? description = null, params (string Key, string Value)[] tags)
    {
        var answer = await PostAsync("registered-models/create", new { name, description, tags = tags.Length == 0 ? null : Tags(tags) });
        return answer.Ok().GetProperty("registered_model");
    }

    /// <summary><c>registered-models/get</c>, which must succeed; returns <c>registered_model</c>.</summary>
    public async Task<JsonElement> GetModelAsync(string name)
        => (await GetAsync("registered-models/get", ("name", name))).Ok().GetProperty("registered_model");

    /// <summary><c>model-versions/create</c>, which must succeed; returns <c>model_version</c>.</summary>
    public async Task<JsonElement> CreateVersionAsync(string name, string source, string? runId = null, string? description = null, params (string Key, string Value)[] tags)
    {
        var answer = await PostAsync("model-versions/create", new { name, source, run_id = runId, description, tags = tags.Length == 0 ? null : Tags(tags) });
        return answer.Ok().GetProperty("model_version");
    }

    /// <summary><c>model-versions/get</c>, which must succeed; returns <c>model_version</c>.</summary>
    public async Task<JsonElement> GetVersionAsync(string name, string version)
        => (await GetAsync("model-versions/get", ("name", name), ("version", version))).Ok().GetProperty("model_version");

    /// <summary><c>model-versions/transition-stage</c> as the client sends it (archive_existing_versions always present).</summary>
    public Task<MlflowAnswer> TransitionAsync(string name, string version, string stage, bool archiveExisting = false)
        => PostAsync("model-versions/transition-stage", new { name, version, stage, archive_existing_versions = archiveExisting });

    /// <summary>A transition that must succeed; returns <c>model_version</c>.</summary>
    public async Task<JsonElement> TransitionOkAsync(string name, string version, string stage, bool archiveExisting = false)
        => (await TransitionAsync(name, version, stage, archiveExisting)).Ok().GetProperty("model_version");

    /// <summary>Every registered model a search returns, following <c>next_page_token</c> to the last page.</summary>
    public async Task<(List<JsonElement> Models, List<int> PageSizes)> SearchAllModelsAsync(string filter, int maxResults, params string[] orderBy)
    {
        var models = new List<JsonElement>();
        var pages = new List<int>();
        string? token = null;
        do
        {
            var query = new List<(string, string)> { ("filter", filter), ("max_results", maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            query.AddRange(orderBy.Select(o => ("order_by", o)));
            if (token is not null)
                query.Add(("page_token", token));
            var root = (await GetAsync("registered-models/search", [.. query])).Ok();
            var page = root.TryGetProperty("registered_models", out var list) ? list.EnumerateArray().ToList() : [];
            models.AddRange(page);
            pages.Add(page.Count);
            token = root.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            Assert.True(pages.Count <= 1000, "The search never reached a last page.");
        }
        while (token is not null);
        return (models, pages);
    }

    /// <summary>The names of the models a search (with MLflow's defaults) returns on its first page.</summary>
    public async Task<List<string>> SearchModelNamesAsync(string filter, params string[] orderBy)
    {
        var query = new List<(string, string)> { ("filter", filter) };
        query.AddRange(orderBy.Select(o => ("order_by", o)));
        var root = (await GetAsync("registered-models/search", [.. query])).Ok();
        return root.TryGetProperty("registered_models", out var list) ? [.. list.EnumerateArray().Select(m => m.GetProperty("name").GetString()!)] : [];
    }

    /// <summary>The (name, version) pairs a version search returns on its first page, as the client sends it (max_results=10000).</summary>
    public async Task<List<(string Name, string Version)>> SearchVersionsAsync(string filter, params string[] orderBy)
    {
        var query = new List<(string, string)> { ("filter", filter), ("max_results", "10000") };
        query.AddRange(orderBy.Select(o => ("order_by", o)));
        var root = (await GetAsync("model-versions/search", [.. query])).Ok();
        return root.TryGetProperty("model_versions", out var list)
            ? [.. list.EnumerateArray().Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("version").GetString()!))]
            : [];
    }

    /// <summary>MLflow's tag list shape.</summary>
    public static object[] Tags(params (string Key, string Value)[] tags) => [.. tags.Select(t => new { key = t.Key, value = t.Value })];

    /// <summary>The tags of a registered model or model version as (key, value) pairs, sorted; an omitted list is empty.</summary>
    public static List<(string Key, string Value)> TagsOf(JsonElement entity)
        => entity.TryGetProperty("tags", out var tags)
            ? [.. tags.EnumerateArray().Select(t => (t.GetProperty("key").GetString()!, t.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "")).OrderBy(t => t.Item1, StringComparer.Ordinal)]
            : [];

    /// <summary>A string field, or null when omitted.</summary>
    public static string? Text(JsonElement entity, string field)
        => entity.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;
}

/// <summary>One answer of the facade: status, media type, raw body and the parsed JSON (a JSON body is required).</summary>
public sealed record MlflowAnswer(HttpStatusCode Status, string? MediaType, string Body, JsonElement Json)
{
    /// <summary>Reads a response; fails when the body is not JSON, because MLflow's client rejects a non-JSON body under /api/2.0.</summary>
    public static async Task<MlflowAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"The facade answered {(int)response.StatusCode}, which MLflow's client retries for minutes: {body}");
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            Assert.Fail($"{(int)response.StatusCode} with a body that is not JSON: '{body}'");
            throw;
        }
        Assert.True(root.ValueKind == JsonValueKind.Object, $"The body is not a JSON object: {body}");
        return new MlflowAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, root);
    }

    /// <summary>Fails unless the answer is 200; returns the body.</summary>
    public JsonElement Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Expected 200 but got {(int)Status}: {Body}");
        return Json;
    }

    /// <summary>Fails unless the answer is 200 with exactly <c>{}</c>.</summary>
    public void Empty()
    {
        Ok();
        Assert.True(Json.EnumerateObject().Count() == 0, $"Expected {{}} but got: {Body}");
    }

    /// <summary>Fails unless the answer is the MLflow error <paramref name="code"/> with <paramref name="status"/>; returns its message.</summary>
    public string Error(HttpStatusCode status, string code)
    {
        Assert.True(Status == status, $"Expected {(int)status} {code} but got {(int)Status}: {Body}");
        Assert.True(Json.TryGetProperty("error_code", out var errorCode), $"No error_code in: {Body}");
        Assert.Equal(code, errorCode.GetString());
        Assert.True(Json.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String, $"No message in: {Body}");
        Assert.False(string.IsNullOrWhiteSpace(message.GetString()), $"An empty message in: {Body}");
        return message.GetString()!;
    }

    /// <summary>Fails unless the answer is the MLflow error <paramref name="code"/> with <paramref name="status"/> and exactly <paramref name="message"/>.</summary>
    public void Error(HttpStatusCode status, string code, string message) => Assert.Equal(message, Error(status, code));
}

/// <summary>Names and assertions shared by the MLflow facade tests.</summary>
public static class MlflowAssert
{
    /// <summary>A model name no other test uses (lower case, URL-safe).</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Fails unless <paramref name="field"/> of <paramref name="entity"/> is a JSON number holding a plausible time in milliseconds.</summary>
    public static long AssertMillis(JsonElement entity, string field)
    {
        Assert.True(entity.TryGetProperty(field, out var value), $"'{field}' is missing: {entity}");
        Assert.True(value.ValueKind == JsonValueKind.Number, $"'{field}' is not a JSON number: {entity}");
        Assert.True(value.TryGetInt64(out var millis), $"'{field}' is not an int64: {value}");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(millis, now - TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond, now + 60_000);
        return millis;
    }

    /// <summary>Fails unless <paramref name="version"/> is a model_version the client accepts without polling: version a JSON string, status READY.</summary>
    public static void AssertReadyVersion(JsonElement version, string name, string number, string stage)
    {
        Assert.Equal(name, version.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, version.GetProperty("version").ValueKind);
        Assert.Equal(number, version.GetProperty("version").GetString());
        Assert.Equal("READY", version.GetProperty("status").GetString());
        Assert.Equal(stage, version.GetProperty("current_stage").GetString());
        AssertMillis(version, "creation_timestamp");
        AssertMillis(version, "last_updated_timestamp");
    }

    /// <summary>The aliases of a model_version (strings); an omitted list is empty.</summary>
    public static List<string> VersionAliases(JsonElement version)
        => version.TryGetProperty("aliases", out var aliases) ? [.. aliases.EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal)] : [];

    /// <summary>The aliases of a registered_model as (alias, version), sorted; an omitted list is empty.</summary>
    public static List<(string Alias, string Version)> ModelAliases(JsonElement model)
        => model.TryGetProperty("aliases", out var aliases)
            ? [.. aliases.EnumerateArray().Select(a => (a.GetProperty("alias").GetString()!, a.GetProperty("version").GetString()!)).OrderBy(a => a.Item1, StringComparer.Ordinal)]
            : [];

    /// <summary>The latest_versions of a registered_model as (stage, version), sorted by stage; an omitted list is empty.</summary>
    public static List<(string Stage, string Version)> LatestVersions(JsonElement container, string field)
        => container.TryGetProperty(field, out var versions)
            ? [.. versions.EnumerateArray().Select(v => (v.GetProperty("current_stage").GetString()!, v.GetProperty("version").GetString()!)).OrderBy(v => v.Item1, StringComparer.Ordinal)]
            : [];
}
