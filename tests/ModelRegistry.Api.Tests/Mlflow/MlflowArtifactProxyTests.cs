using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Reports;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// MLflow's artifact proxy over the registry's store: files PUT under models/&lt;name&gt;/&lt;version&gt;/… are listed and
/// downloaded the way MLflow's HTTP artifact repository does it, starting from the URI get-download-uri answers.
/// </summary>
public sealed class MlflowArtifactProxyTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private const string Endpoint = "/mlflow-artifacts/artifacts";

    private MlflowApi Api => MlflowApi.Admin(factory);

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string path, byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await http.PutAsync($"/api/2.0/mlflow-artifacts/artifacts/{path}", content);
    }

    // What MLflow's HttpArtifactRepository does with an artifact URI: split it at /mlflow-artifacts/artifacts, list with
    // ?path=<tail>/<dir> against the part before, and join the names it gets back to the listed path.
    private static async Task<List<(string Path, bool IsDir, long? Size)>> ListAsync(HttpClient http, string artifactUri, string dir = "")
    {
        var at = artifactUri.IndexOf(Endpoint, StringComparison.Ordinal);
        Assert.True(at > 0, $"'{artifactUri}' is not an HTTP artifact URI of the proxy");
        var root = new Uri(artifactUri[..at]).AbsolutePath;
        var tail = artifactUri[(at + Endpoint.Length)..].TrimStart('/');
        var path = dir.Length == 0 ? tail : $"{tail}/{dir}";
        var answer = await MlflowAnswer.ReadAsync(await http.GetAsync($"{root}{Endpoint}?path={Uri.EscapeDataString(path)}"));
        return [.. answer.Ok().GetProperty("files").EnumerateArray().Select(f => (
            dir.Length == 0 ? f.GetProperty("path").GetString()! : $"{dir}/{f.GetProperty("path").GetString()}",
            f.TryGetProperty("is_dir", out var isDir) && isDir.GetBoolean(),
            f.TryGetProperty("file_size", out var size) ? size.GetInt64() : (long?)null))];
    }

    [Fact]
    public async Task Files_put_through_the_proxy_are_listed_and_downloaded_from_the_download_uri_and_every_step_is_audited()
    {
        var name = Unique("proxy");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/elsewhere");
        var mlmodel = Encoding.UTF8.GetBytes("flavors:\n  python_function: {}\n");
        var weights = new byte[70_000];
        new Random(7).NextBytes(weights);
        var mark = (await factory.WholeAuditLogAsync()).Max(e => e.Sequence);
        using var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);

        (await MlflowAnswer.ReadAsync(await PutAsync(http, $"models/{name}/1/MLmodel", mlmodel))).Empty();
        (await MlflowAnswer.ReadAsync(await PutAsync(http, $"models/{name}/1/data/model.pkl", weights))).Empty();

        var uri = (await Api.GetAsync("model-versions/get-download-uri", ("name", name), ("version", "1"))).Ok().GetProperty("artifact_uri").GetString()!;
        Assert.StartsWith("http://", uri, StringComparison.Ordinal);
        Assert.EndsWith($"/api/2.0/mlflow-artifacts/artifacts/models/{name}/1", uri, StringComparison.Ordinal);
        Assert.Equal([("MLmodel", false, (long?)mlmodel.Length), ("data", true, null)], await ListAsync(http, uri));
        Assert.Equal([("data/model.pkl", false, (long?)weights.Length)], await ListAsync(http, uri, "data"));

        var downloaded = await http.GetAsync(new Uri(uri).AbsolutePath + "/data/model.pkl");
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal(weights, await downloaded.Content.ReadAsByteArrayAsync());

        var events = (await factory.WholeAuditLogAsync()).Where(e => e.Sequence > mark).Select(e => e.Type).ToList();
        Assert.Equal(["ARTIFACT_UPLOADED", "ARTIFACT_UPLOADED", "ARTIFACT_DOWNLOADED"], events);
    }

    [Fact]
    public async Task Folders_above_a_version_list_the_living_models_and_their_versions()
    {
        var name = Unique("proxy-tree");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/a");
        await Api.CreateVersionAsync(name, "s3://bucket/b");
        (await Api.DeleteAsync("model-versions/delete", new { name, version = "1" })).Empty();
        using var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);

        var versions = await MlflowAnswer.ReadAsync(await http.GetAsync($"/api/2.0/mlflow-artifacts/artifacts?path=models/{name}"));
        Assert.Equal(["2"], versions.Ok().GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList());
        var models = await MlflowAnswer.ReadAsync(await http.GetAsync("/api/2.0/mlflow-artifacts/artifacts?path=models"));
        Assert.Contains(name, models.Ok().GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task A_version_without_stored_files_answers_its_registered_source()
    {
        var name = Unique("proxy-source");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/registered");

        Assert.Equal("s3://bucket/registered",
            (await Api.GetAsync("model-versions/get-download-uri", ("name", name), ("version", "1"))).Ok().GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task Uploads_obey_the_registry_rules_roles_and_read_scopes()
    {
        var name = Unique("proxy-rules");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");
        using var admin = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);
        (await MlflowAnswer.ReadAsync(await PutAsync(admin, $"models/{name}/1/MLmodel", [1, 2, 3]))).Empty();
        using var viewer = factory.ClientWithKey(await factory.KeyWithRoleAsync(Unique("proxy-viewer"), "VIEWER", "model:" + name));
        using var outsider = factory.ClientWithKey(await factory.KeyWithRoleAsync(Unique("proxy-outsider"), "CONTRIBUTOR", "model:" + Unique("other")));

        // The same name twice keeps the first bytes; a hidden file or folder is refused (clients and Kestrel already fold
        // "." and ".." away); a version that does not exist is 404.
        (await MlflowAnswer.ReadAsync(await PutAsync(admin, $"models/{name}/1/MLmodel", [9]))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await MlflowAnswer.ReadAsync(await PutAsync(admin, $"models/{name}/1/.ssh/config", [9]))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await MlflowAnswer.ReadAsync(await PutAsync(admin, $"models/{name}/7/x", [9]))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        // A viewer reads but does not write; a principal who cannot read the model learns nothing about it.
        (await MlflowAnswer.ReadAsync(await PutAsync(viewer, $"models/{name}/1/other", [9]))).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        Assert.Equal([1, 2, 3], await (await viewer.GetAsync($"/api/2.0/mlflow-artifacts/artifacts/models/{name}/1/MLmodel")).Content.ReadAsByteArrayAsync());
        (await MlflowAnswer.ReadAsync(await outsider.GetAsync($"/api/2.0/mlflow-artifacts/artifacts/models/{name}/1/MLmodel")))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version=1) not found");
        (await MlflowAnswer.ReadAsync(await PutAsync(outsider, $"models/{name}/1/x", [9])))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version=1) not found");

        // Once the version has reached PRODUCTION its files never change.
        await Api.TransitionOkAsync(name, "1", "Staging");
        await Api.TransitionOkAsync(name, "1", "Production");
        var immutable = (await MlflowAnswer.ReadAsync(await PutAsync(admin, $"models/{name}/1/late", [9]))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Contains("IMMUTABLE", immutable, StringComparison.Ordinal);
        using var listing = JsonDocument.Parse(await admin.GetStringAsync($"/api/2.0/mlflow-artifacts/artifacts?path=models/{name}/1"));
        Assert.Equal(["MLmodel"], listing.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList());
    }

    [Fact]
    public async Task An_unknown_route_under_the_proxy_or_MLflow_3s_prefix_is_a_JSON_404()
    {
        using var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);
        (await MlflowAnswer.ReadAsync(await http.GetAsync("/api/2.0/mlflow-artifacts/mpu/create"))).Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
        // MLflow 3's workspace probe learns that there are none.
        (await MlflowAnswer.ReadAsync(await http.GetAsync("/api/3.0/mlflow/server-info"))).Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
    }
}

/// <summary>What the MLflow facade changes shows in the model's compliance report.</summary>
public sealed class MlflowComplianceReportTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    [Fact]
    public async Task An_alias_set_and_removed_through_MLflow_is_in_the_reports_alias_history_and_the_chain_still_verifies()
    {
        var api = MlflowApi.Admin(factory);
        var name = Unique("report-alias");
        await api.CreateModelAsync(name);
        await api.CreateVersionAsync(name, "s3://bucket/m");
        (await api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "1" })).Empty();
        (await api.DeleteAsync("registered-models/alias", new { name, alias = "champion" })).Empty();
        using var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);

        var markdown = await http.GetStringAsync($"/models/{name}/compliance-report.md");
        using var json = JsonDocument.Parse(await http.GetStringAsync($"/models/{name}/compliance-report.json"));

        var history = markdown[markdown.IndexOf("## Alias history", StringComparison.Ordinal)..];
        history = history[..history.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = history.Split('\n').Where(l => l.Contains("| champion |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("| champion | 1 |", rows[0], StringComparison.Ordinal);
        Assert.Contains("| champion | (removed) | 1 |", rows[1], StringComparison.Ordinal);
        var entries = json.RootElement.GetProperty("aliasHistory").EnumerateArray().ToList();
        Assert.Equal([false, true], entries.Select(e => e.TryGetProperty("removed", out var removed) && removed.GetBoolean()).ToList());
        // The removal is replayed by the state verification: the stored aliases (none) match the chain.
        Assert.True(json.RootElement.GetProperty("auditChain").GetProperty("verified").GetBoolean());
        var state = json.RootElement.GetProperty("stateComparison");
        Assert.True(state.GetProperty("matches").GetBoolean(), state.ToString());
        Assert.Empty(state.GetProperty("mismatches").EnumerateArray());
    }
}

/// <summary>
/// In Development anonymous callers may read; on the MLflow facade an Authorization header that carries nothing usable
/// (an empty MLFLOW_TRACKING_PASSWORD or token) is still refused, so a misconfigured client learns it at once.
/// </summary>
public sealed class MlflowUnusableCredentialTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    [Theory]
    [InlineData("Basic dXNlcjo=")]
    [InlineData("Basic not-base64!")]
    [InlineData("Bearer")]
    [InlineData("Negotiate abc")]
    public async Task An_authorization_header_without_a_usable_credential_is_401_even_where_anonymous_reads_are_allowed(string authorization)
    {
        var http = factory.ClientWithKey(null);
        using var anonymous = await http.GetAsync(MlflowApi.Root + "registered-models/search");
        Assert.Equal(System.Net.HttpStatusCode.OK, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, MlflowApi.Root + "registered-models/search");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        (await MlflowAnswer.ReadAsync(await http.SendAsync(request))).Error(System.Net.HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
