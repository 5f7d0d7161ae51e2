using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.Json;
using ModelRegistry.Cli.Tests.Fixtures;

namespace ModelRegistry.Cli.Tests.EndToEnd;

/// <summary>
/// The CLI against the real Api on a loopback port: login, push with metrics, parameters, commit and TRAINED_ON lineage,
/// promote, models list/show and lineage, all through <c>--json</c> as a pipeline would read them.
/// </summary>
public sealed class RegistryFlowTests(RegistryServer server) : IClassFixture<RegistryServer>, IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Login_saves_an_owner_only_profile_that_later_commands_use()
    {
        var login = await _cli.RunAsync("login", "--url", server.Url, "--api-key", server.AdminKey, "--json");

        Assert.Equal(0, login.ExitCode);
        Assert.Equal("bootstrap-admin", login.Json().GetProperty("principal").GetString());
        Assert.Equal(_cli.ConfigPath, login.Json().GetProperty("configPath").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        var list = await _cli.RunAsync("models", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.True(list.Json().GetProperty("totalCount").GetInt32() >= 0);
    }

    [Fact]
    public async Task Login_with_a_wrong_key_exits_2_and_saves_nothing()
    {
        var result = await _cli.RunAsync("login", "--url", server.Url, "--api-key", "not-a-key");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: UNAUTHENTICATED:", result.Stderr);
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task Push_registers_the_model_and_records_metrics_parameters_commit_and_training_data()
    {
        await LoginAsync();
        var datasetVersionId = await server.RegisterDatasetVersionAsync("cli-transactions", "2026-01");
        _cli.WriteFile("metrics.json", """{ "auc": 0.91, "f1": { "value": 0.8, "split": "test" } }""");
        _cli.WriteFile("params.json", """{ "learning_rate": 0.05, "layers": [64, 32] }""");

        var push = await _cli.RunAsync("push", "--model", "cli-fraud", "--task", "classification", "--owner", "risk",
            "--metrics", "metrics.json", "--params", "params.json", "--trained-on", "cli-transactions@2026-01",
            "--commit", "0123456789abcdef", "--repository", "https://git.example/risk/fraud", "--description", "first", "--json");

        Assert.Equal(0, push.ExitCode);
        var pushed = push.Json();
        Assert.Equal(1, pushed.GetProperty("number").GetInt32());
        Assert.Equal(datasetVersionId, pushed.GetProperty("trainedOn")[0].GetProperty("id").GetString());
        var show = (await _cli.RunAsync("models", "show", "cli-fraud", "--json")).Json();
        Assert.Equal("CLASSIFICATION", show.GetProperty("model").GetProperty("task").GetString());
        Assert.Equal("risk", show.GetProperty("model").GetProperty("owner").GetString());
        var version = Assert.Single(show.GetProperty("versions").EnumerateArray());
        Assert.Equal(pushed.GetProperty("modelVersionId").GetString(), version.GetProperty("id").GetString());
        Assert.Equal("0123456789abcdef", version.GetProperty("sourceCode").GetProperty("commit").GetString());
        Assert.Equal(["auc=0.91", "f1=0.8/test"], version.GetProperty("metrics").EnumerateArray()
            .Select(m => $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetDouble()}"
                         + (m.GetProperty("split").GetString() is { } split ? "/" + split : "")).Order());
        var stored = await server.AdminGraphQLAsync("query($n: String!) { model(name: $n) { version(number: 1) { hyperparameters } } }", new { n = "cli-fraud" });
        Assert.Equal(0.05, stored.GetProperty("model").GetProperty("version").GetProperty("hyperparameters").GetProperty("learning_rate").GetDouble());
    }

    [Fact]
    public async Task Push_then_promote_then_lineage_shows_the_production_version_trained_on_its_dataset()
    {
        await LoginAsync();
        await server.RegisterDatasetVersionAsync("cli-clicks", "v7");
        var push = (await _cli.RunAsync("push", "--model", "cli-ranker", "--task", "RANKING", "--owner", "search", "--trained-on", "cli-clicks@v7", "--json")).Json();
        await server.PromoteAtOnceAsync("cli-ranker");

        var staging = await _cli.RunAsync("promote", "cli-ranker", "1", "--to", "staging", "--reason", "offline eval passed", "--json");
        var production = await _cli.RunAsync("promote", "cli-ranker", "v1", "--to", "PRODUCTION", "--reason", "canary passed", "--json");
        var lineage = await _cli.RunAsync("lineage", "cli-ranker", "1", "--direction", "upstream", "--json");
        var tree = await _cli.RunAsync("lineage", "cli-ranker", "1");

        Assert.Equal("APPLIED", staging.Json().GetProperty("status").GetString());
        Assert.Equal(0, production.ExitCode);
        Assert.Equal("APPLIED", production.Json().GetProperty("status").GetString());
        Assert.Equal("PRODUCTION", production.Json().GetProperty("stage").GetString());
        var graph = lineage.Json();
        Assert.Equal(push.GetProperty("modelVersionId").GetString(), graph.GetProperty("root").GetString());
        var edge = Assert.Single(graph.GetProperty("edges").EnumerateArray());
        Assert.Equal("TRAINED_ON", edge.GetProperty("relation").GetString());
        Assert.Equal(graph.GetProperty("root").GetString(), edge.GetProperty("target").GetString());
        Assert.Contains(graph.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("label").GetString() == "dataset cli-clicks@v7");
        Assert.Equal(0, tree.ExitCode);
        Assert.Contains("cli-ranker v1 (PRODUCTION)", tree.Stdout);
        Assert.Contains("TRAINED_ON dataset cli-clicks@v7", tree.Stdout);
    }

    [Fact]
    public async Task Promoting_to_production_under_the_default_policy_prints_PENDING()
    {
        await LoginAsync();
        await _cli.RunAsync("push", "--model", "cli-pending", "--task", "OTHER", "--owner", "risk");
        await _cli.RunAsync("promote", "cli-pending", "1", "--to", "STAGING", "--reason", "ready");

        var result = await _cli.RunAsync("promote", "cli-pending", "1", "--to", "PRODUCTION", "--reason", "ship it");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("PENDING: cli-pending v1 stays STAGING until the request", result.Stdout);
    }

    [Fact]
    public async Task Pushing_with_an_unknown_dataset_version_exits_2_and_registers_nothing()
    {
        await LoginAsync();
        await server.RegisterDatasetVersionAsync("cli-known", "1");

        var result = await _cli.RunAsync("push", "--model", "cli-orphan", "--task", "OTHER", "--owner", "risk", "--trained-on", "cli-known@2");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal("error: NOT_FOUND: --trained-on cli-known@2: dataset 'cli-known' has no version '2'.", result.Stderr.Trim());
        Assert.Equal(ExitCodes.Refused, (await _cli.RunAsync("models", "show", "cli-orphan")).ExitCode);
    }

    [Fact]
    public async Task An_unknown_model_exits_2_with_NOT_FOUND()
    {
        await LoginAsync();

        var result = await _cli.RunAsync("models", "show", "no-such-model");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Equal("error: NOT_FOUND: Model 'no-such-model' does not exist or is not visible to you.", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_invalid_transition_exits_2_with_the_registry_code()
    {
        await LoginAsync();
        await _cli.RunAsync("push", "--model", "cli-jump", "--task", "OTHER", "--owner", "risk");

        var result = await _cli.RunAsync("promote", "cli-jump", "1", "--to", "PRODUCTION", "--reason", "skip staging");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: INVALID_TRANSITION:", result.Stderr);
    }

    [Fact]
    public async Task Models_list_draws_a_table_of_the_owners_models()
    {
        await LoginAsync();
        await _cli.RunAsync("push", "--model", "cli-listed", "--task", "REGRESSION", "--owner", "cli-listing-team");

        var result = await _cli.RunAsync("models", "list", "--owner", "cli-listing-team");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cli-listed", result.Stdout);
        Assert.Contains("REGRESSION", result.Stdout);
        Assert.Contains("1 of 1 models.", result.Stdout);
    }

    [Fact]
    public async Task Push_promote_download_and_lineage_round_trip_artifacts_with_their_sha256()
    {
        await LoginAsync();
        await server.RegisterDatasetVersionAsync("cli-images", "2026-02");
        var onnx = _cli.WriteBytes("model.onnx", 3 * 1024 * 1024 + 17);
        _cli.WriteFile("metrics.json", """{ "accuracy": 0.97 }""");

        var push = await _cli.RunAsync("push", "--model", "cli-vision", "--task", "CLASSIFICATION", "--owner", "vision",
            "--metrics", "metrics.json", "--trained-on", "cli-images@2026-02", "--artifact", "model.onnx", "--json");
        Assert.Equal(0, push.ExitCode);
        var uploaded = Assert.Single(push.Json().GetProperty("artifacts").EnumerateArray());
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(onnx)));
        Assert.Equal(sha, uploaded.GetProperty("sha256").GetString());
        await server.PromoteAtOnceAsync("cli-vision");
        Assert.Equal(0, (await _cli.RunAsync("promote", "cli-vision", "1", "--to", "STAGING", "--reason", "eval")).ExitCode);
        var promote = await _cli.RunAsync("promote", "cli-vision", "1", "--to", "PRODUCTION", "--reason", "canary", "--json");
        Assert.Equal("APPLIED", promote.Json().GetProperty("status").GetString());

        var download = await _cli.RunAsync("download", "cli-vision", "1", "--out", "fetched", "--json");

        Assert.Equal(0, download.ExitCode);
        var fetched = Assert.Single(download.Json().GetProperty("artifacts").EnumerateArray());
        Assert.Equal(sha, fetched.GetProperty("sha256").GetString());
        Assert.Equal(File.ReadAllBytes(onnx), File.ReadAllBytes(fetched.GetProperty("path").GetString()!));
        var lineage = (await _cli.RunAsync("lineage", "cli-vision", "1", "--json")).Json();
        Assert.Contains(lineage.GetProperty("edges").EnumerateArray(), e => e.GetProperty("relation").GetString() == "TRAINED_ON");
    }

    private async Task LoginAsync()
    {
        var login = await _cli.RunAsync("login", "--url", server.Url, "--api-key", server.AdminKey);
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();
}
