using System.Security.Cryptography;
using System.Text.Json;
using ModelRegistry.Cli.Tests.Fixtures;

namespace ModelRegistry.Cli.Tests.Registry;

/// <summary>
/// push and download against a fake registry that implements the artifact HTTP contract, so the streaming upload, the
/// digest header and download verification are tested on their own.
/// </summary>
public sealed class ArtifactFlowTests : IAsyncLifetime, IDisposable
{
    private const string VersionId = "TW9kZWxWZXJzaW9uOjc=";
    private readonly CliRunner _cli = new();
    private FakeRegistry _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeRegistry.StartAsync();
        _cli.Environment["MODELREG_URL"] = _fake.Url;
        _cli.Environment["MODELREG_API_KEY"] = "fake-key";
    }

    [Fact]
    public async Task Push_streams_each_artifact_with_its_sha256_header_and_prints_the_version()
    {
        _fake.AnswerGraphQL = ExistingModelAnswers;
        var onnx = _cli.WriteBytes("model.onnx", 300_000);
        _cli.WriteFile("card.json", "{\"about\":\"fraud\"}");

        var result = await _cli.RunAsync("push", "--model", "fraud", "--artifact", "model.onnx", "--artifact", "card.json", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = result.Json();
        Assert.Equal(VersionId, json.GetProperty("modelVersionId").GetString());
        Assert.Equal(7, json.GetProperty("number").GetInt32());
        var uploads = _fake.Uploads.ToArray();
        Assert.Equal(["model.onnx", "card.json"], uploads.Select(u => u.Name));
        Assert.All(uploads, u => Assert.Equal(VersionId, u.ModelVersionId));
        Assert.All(uploads, u => Assert.Equal("fake-key", u.ApiKey));
        Assert.Equal(File.ReadAllBytes(onnx), uploads[0].Bytes);
        Assert.Equal(Sha(File.ReadAllBytes(onnx)), uploads[0].DeclaredSha256);
        Assert.Equal(300_000, uploads[0].ContentLength);
        Assert.Equal("application/octet-stream", uploads[0].ContentType);
        Assert.StartsWith("application/json", uploads[1].ContentType);
        Assert.Equal(uploads.Select(u => u.DeclaredSha256), json.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("sha256").GetString()));
    }

    [Fact]
    public async Task Push_without_json_draws_a_progress_bar_per_file()
    {
        _fake.AnswerGraphQL = ExistingModelAnswers;
        _cli.WriteBytes("model.onnx", 200_000);

        var result = await _cli.RunAsync(terminal: true, "push", "--model", "fraud", "--artifact", "model.onnx");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("model.onnx", result.Stdout);
        Assert.Contains("━", result.Stdout);
        Assert.Contains("100%", result.Stdout);
        Assert.Contains($"({VersionId}), 1 artifact(s) uploaded.", result.Stdout);
    }

    [Fact]
    public async Task A_refused_upload_exits_2_with_the_registry_code_and_says_the_version_exists()
    {
        _fake.AnswerGraphQL = ExistingModelAnswers;
        _fake.RefuseUploads = (413, "TOO_LARGE");
        _cli.WriteBytes("model.onnx", 1_000);

        var result = await _cli.RunAsync("push", "--model", "fraud", "--artifact", "model.onnx");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: TOO_LARGE: Version 7 of 'fraud' was created", result.Stderr);
        Assert.Contains("no artifact was stored", result.Stderr);
    }

    [Fact]
    public async Task Push_with_a_missing_artifact_file_exits_1_before_creating_anything()
    {
        _fake.AnswerGraphQL = ExistingModelAnswers;

        var result = await _cli.RunAsync("push", "--model", "fraud", "--artifact", "missing.onnx");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Empty(_fake.Queries);
    }

    [Fact]
    public async Task Download_writes_every_artifact_once_its_sha256_matches()
    {
        var bytes = RandomBytes(250_000);
        _fake.Files["model.onnx"] = bytes;
        _fake.AnswerGraphQL = (_, _) => ArtifactListing(("model.onnx", bytes.LongLength, Sha(bytes), "/files/model.onnx"));

        var result = await _cli.RunAsync("download", "fraud", "7", "--out", "fetched", "--json");

        Assert.Equal(0, result.ExitCode);
        var path = Path.Combine(_cli.Root, "fetched", "model.onnx");
        Assert.Equal(path, result.Json().GetProperty("artifacts")[0].GetProperty("path").GetString());
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal("fake-key", Assert.Single(_fake.DownloadKeys));
    }

    [Fact]
    public async Task A_download_whose_sha256_differs_exits_2_and_leaves_no_file_behind()
    {
        var bytes = RandomBytes(10_000);
        _fake.Files["model.onnx"] = bytes;
        _fake.AnswerGraphQL = (_, _) => ArtifactListing(("model.onnx", bytes.LongLength, new string('0', 64), "/files/model.onnx"));

        var result = await _cli.RunAsync("download", "fraud", "7", "--out", "fetched");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: DIGEST_MISMATCH:", result.Stderr);
        Assert.Empty(Directory.GetFiles(Path.Combine(_cli.Root, "fetched")));
    }

    [Fact]
    public async Task The_api_key_is_not_sent_to_a_download_url_on_another_origin()
    {
        await using var storage = await FakeRegistry.StartAsync();
        var bytes = RandomBytes(1_000);
        storage.Files["model.onnx"] = bytes;
        _fake.AnswerGraphQL = (_, _) => ArtifactListing(("model.onnx", bytes.LongLength, Sha(bytes), storage.Url + "files/model.onnx?sig=abc"));

        var result = await _cli.RunAsync("download", "fraud", "7", "--out", "fetched");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(storage.DownloadKeys));
    }

    [Fact]
    public async Task An_artifact_name_that_climbs_out_of_the_folder_is_refused()
    {
        _fake.AnswerGraphQL = (_, _) => ArtifactListing(("../escape.sh", 1, Sha([1]), "/files/x"));

        var result = await _cli.RunAsync("download", "fraud", "7", "--out", "fetched");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: UNSAFE_NAME:", result.Stderr);
        Assert.False(File.Exists(Path.Combine(_cli.Root, "escape.sh")));
    }

    [Fact]
    public async Task A_missing_download_exits_2_with_the_artifact_error_code()
    {
        _fake.AnswerGraphQL = (_, _) => ArtifactListing(("gone.onnx", 1, Sha([1]), "/files/gone.onnx"));

        var result = await _cli.RunAsync("download", "fraud", "7");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.StartsWith("error: NOT_FOUND:", result.Stderr);
    }

    // The answers of a registry where "fraud" exists: model lookup, then version creation.
    private static object ExistingModelAnswers(string query, JsonElement variables)
    {
        if (query.Contains("createModelVersion"))
            return new { data = new { createModelVersion = new { modelVersion = new { id = VersionId, number = 7, stage = "DEVELOPMENT", trainedOn = Array.Empty<object>() }, errors = (object?)null } } };
        return new { data = new { model = new { id = "TW9kZWw6MQ==", name = "fraud" } } };
    }

    private static object ArtifactListing(params (string Name, long Size, string Sha, string Url)[] artifacts) => new
    {
        data = new
        {
            model = new
            {
                version = new
                {
                    id = VersionId, number = 7,
                    artifacts = artifacts.Select(a => new { id = "QTox", name = a.Name, sizeBytes = a.Size, sha256 = a.Sha, contentType = "application/octet-stream", uploadedAt = "2026-01-01T00:00:00Z", downloadUrl = a.Url }),
                },
            },
        },
    };

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();
}
