using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Artifacts;

/// <summary>Upload, listing, download and deletion of artifacts over HTTP and GraphQL, the same for every store.</summary>
public abstract class ArtifactApiContract<TFactory>(TFactory factory) where TFactory : ArtifactApiFactory
{
    private readonly GraphQLClient admin = factory.GraphQL();

    private const string DeleteArtifact = $$"""
        mutation($input: DeleteArtifactInput!) { deleteArtifact(input: $input) { artifact { id name } {{Operations.Errors}} } }
        """;

    private async Task<string> VersionAsync() => await admin.CreateVersionAsync(await admin.RegisterModelAsync());

    private static byte[] Bytes(int length) => RandomNumberGenerator.GetBytes(length);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static async Task<HttpResponseMessage> PutAsync(HttpClient http, string versionId, string name, HttpContent content, string? sha256 = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/artifacts/{versionId}/{name}") { Content = content };
        if (sha256 is not null)
            request.Headers.Add("X-Content-SHA256", sha256);
        return await http.SendAsync(request);
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType = "application/octet-stream")
        => new(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static async Task<(HttpStatusCode Status, string? Code)> ErrorAsync(HttpResponseMessage response)
        => (response.StatusCode, (await JsonAsync(response)).GetProperty("error").GetProperty("code").GetString());

    private async Task<JsonElement> UploadAsync(string versionId, string name, byte[] bytes)
    {
        using var http = factory.AdminHttp();
        using var response = await PutAsync(http, versionId, name, Body(bytes));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await JsonAsync(response);
    }

    private async Task<List<JsonElement>> ArtifactsAsync(string versionId)
    {
        var data = await admin.QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on ModelVersion { artifacts { id name sizeBytes sha256 contentType uploadedAt uploadedBy downloadUrl } } } }",
            new { id = versionId });
        return [.. data.GetProperty("node").GetProperty("artifacts").EnumerateArray()];
    }

    private async Task<string> DownloadUrlAsync(string artifactId)
        => (await admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Artifact { downloadUrl } } }", new { id = artifactId }))
            .GetProperty("node").GetProperty("downloadUrl").GetString()!;

    [Fact]
    public async Task An_upload_answers_201_with_the_size_and_SHA256_the_server_computed_and_the_version_lists_it()
    {
        var versionId = await VersionAsync();
        var bytes = Bytes(300_000);
        using var http = factory.AdminHttp();

        using var response = await PutAsync(http, versionId, "model.onnx", Body(bytes, "application/onnx"), Sha256(bytes).ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(("model.onnx", 300_000L, Sha256(bytes), "application/onnx"),
            (json.GetProperty("name").GetString(), json.GetProperty("sizeBytes").GetInt64(), json.GetProperty("sha256").GetString(),
                json.GetProperty("contentType").GetString()));
        var listed = Assert.Single(await ArtifactsAsync(versionId));
        Assert.Equal(json.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal((300_000L, Sha256(bytes), TestCredentials.AdminPrincipal),
            (listed.GetProperty("sizeBytes").GetInt64(), listed.GetProperty("sha256").GetString(), listed.GetProperty("uploadedBy").GetString()));
        var uploaded = (await factory.AuditEventsAsync()).Last(e => e.Type == "ARTIFACT_UPLOADED");
        Assert.Contains(Sha256(bytes), uploaded.PayloadJson);
    }

    [Fact]
    public async Task A_wrong_client_digest_is_refused_with_DIGEST_MISMATCH_and_leaves_no_row_and_no_bytes()
    {
        var versionId = await VersionAsync();
        var before = await factory.StoredObjectsAsync();
        using var http = factory.AdminHttp();

        using var response = await PutAsync(http, versionId, "model.bin", Body(Bytes(200_000)), new string('a', 64));

        Assert.Equal((HttpStatusCode.BadRequest, "DIGEST_MISMATCH"), await ErrorAsync(response));
        Assert.Empty(await ArtifactsAsync(versionId));
        Assert.Equal(before, await factory.StoredObjectsAsync());
    }

    [Fact]
    public async Task An_upload_the_client_abandons_mid_stream_leaves_no_row_and_no_bytes()
    {
        var versionId = await VersionAsync();
        var before = await factory.StoredObjectsAsync();
        while (factory.Writes.TryTake(out _) || factory.WritesStarted.TryTake(out _))
        {
        }
        using var http = factory.AdminHttp();
        var server = http.BaseAddress!;

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(server.Host, server.Port);
            var stream = tcp.GetStream();
            var head = $"PUT /artifacts/{versionId}/model.bin HTTP/1.1\r\nHost: {server.Authority}\r\n{TestCredentials.Header}: {TestCredentials.AdminKey}\r\n"
                       + $"Content-Type: application/octet-stream\r\nContent-Length: {ArtifactApiFactory.MaxSizeBytes}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(Bytes(300_000));
            await stream.FlushAsync();
            Assert.True(factory.WritesStarted.TryTake(out _, TimeSpan.FromSeconds(60)), "The server never began storing the upload.");
            // Reset rather than a graceful close: the way a killed client goes.
            tcp.Client.LingerState = new LingerOption(true, 0);
        }

        Assert.True(factory.Writes.TryTake(out var failure, TimeSpan.FromSeconds(60)), "The server never finished the abandoned write.");
        Assert.NotNull(failure);
        Assert.Empty(await ArtifactsAsync(versionId));
        Assert.Equal(before, await factory.StoredObjectsAsync());
    }

    [Fact]
    public async Task A_body_above_the_maximum_is_refused_with_413_ARTIFACT_TOO_LARGE_with_or_without_a_length()
    {
        var versionId = await VersionAsync();
        var before = await factory.StoredObjectsAsync();
        var bytes = Bytes((int)ArtifactApiFactory.MaxSizeBytes + 1);
        using var http = factory.AdminHttp();

        using var declared = await PutAsync(http, versionId, "big.bin", Body(bytes));
        using var chunked = await PutAsync(http, versionId, "big.bin", new StreamContent(new UnknownLengthStream(bytes)));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "ARTIFACT_TOO_LARGE"), await ErrorAsync(declared));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "ARTIFACT_TOO_LARGE"), await ErrorAsync(chunked));
        Assert.Empty(await ArtifactsAsync(versionId));
        Assert.Equal(before, await factory.StoredObjectsAsync());
    }

    [Fact]
    public async Task A_second_upload_under_the_same_name_is_refused_with_409_ARTIFACT_EXISTS()
    {
        var versionId = await VersionAsync();
        var first = await UploadAsync(versionId, "weights.bin", Bytes(10));
        using var http = factory.AdminHttp();

        using var again = await PutAsync(http, versionId, "weights.bin", Body(Bytes(20)));

        Assert.Equal((HttpStatusCode.Conflict, "ARTIFACT_EXISTS"), await ErrorAsync(again));
        Assert.Equal(first.GetProperty("sha256").GetString(), Assert.Single(await ArtifactsAsync(versionId)).GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData(".hidden")]
    [InlineData("a%2Fb")]
    [InlineData("a%20b")]
    public async Task A_file_name_that_is_not_plain_is_refused_with_400_VALIDATION_FAILED(string name)
    {
        using var http = factory.AdminHttp();

        using var response = await PutAsync(http, await VersionAsync(), name, Body(Bytes(10)));

        Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION_FAILED"), await ErrorAsync(response));
    }

    [Fact]
    public async Task An_upload_to_an_unknown_version_is_404_NOT_FOUND()
    {
        using var http = factory.AdminHttp();

        using var response = await PutAsync(http, Ids.Unknown("ModelVersion"), "model.bin", Body(Bytes(10)));

        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), await ErrorAsync(response));
    }

    [Fact]
    public async Task A_viewer_cannot_upload_and_a_principal_who_cannot_see_the_model_gets_404_like_a_missing_version()
    {
        var modelName = RegistryArrange.UniqueName("guarded");
        var versionId = await admin.CreateVersionAsync(await admin.RegisterModelAsync(modelName));
        var viewer = RegistryArrange.UniqueName("viewer");
        var outsider = RegistryArrange.UniqueName("outsider");
        await admin.GrantRoleAsync(viewer, "VIEWER", $"model:{modelName}");
        await admin.GrantRoleAsync(outsider, "CONTRIBUTOR", $"model:{RegistryArrange.UniqueName("other")}");
        using var viewerHttp = factory.Http((await admin.CreateApiKeyAsync(viewer)).Secret);
        using var outsiderHttp = factory.Http((await admin.CreateApiKeyAsync(outsider)).Secret);
        using var anonymous = factory.Http();

        using var byViewer = await PutAsync(viewerHttp, versionId, "model.bin", Body(Bytes(10)));
        using var byOutsider = await PutAsync(outsiderHttp, versionId, "model.bin", Body(Bytes(10)));
        using var byNobody = await PutAsync(anonymous, versionId, "model.bin", Body(Bytes(10)));

        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), await ErrorAsync(byViewer));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), await ErrorAsync(byOutsider));
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), await ErrorAsync(byNobody));
        Assert.Empty(await ArtifactsAsync(versionId));
    }

    [Fact]
    public async Task An_artifact_of_a_model_the_caller_cannot_see_is_null_through_node()
    {
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", Bytes(10));
        var outsider = RegistryArrange.UniqueName("outsider");
        await admin.GrantRoleAsync(outsider, "VIEWER", $"model:{RegistryArrange.UniqueName("other")}");
        var client = factory.GraphQL((await admin.CreateApiKeyAsync(outsider)).Secret);

        var data = await client.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id = artifact.GetProperty("id").GetString() });

        Assert.Equal(JsonValueKind.Null, data.GetProperty("node").ValueKind);
    }

    [Fact]
    public async Task The_download_URL_serves_the_bytes_without_credentials_with_digest_headers()
    {
        var bytes = Bytes(150_000);
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", bytes);
        using var anonymous = factory.Http();

        using var response = await anonymous.GetAsync(await DownloadUrlAsync(artifact.GetProperty("id").GetString()!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal($"\"{Sha256(bytes)}\"", response.Headers.ETag?.Tag);
        Assert.Equal(Sha256(bytes), Assert.Single(response.Headers.GetValues("X-Content-SHA256")));
        Assert.Equal("model.bin", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=70000-", 70_000, 30_000)]
    [InlineData("bytes=-100", 99_900, 100)]
    [InlineData("bytes=99990-200000", 99_990, 10)]
    public async Task A_Range_request_answers_206_with_exactly_those_bytes(string range, int first, int length)
    {
        var bytes = Bytes(100_000);
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", bytes);
        using var http = factory.AdminHttp();
        using var request = new HttpRequestMessage(HttpMethod.Get, await DownloadUrlAsync(artifact.GetProperty("id").GetString()!));
        request.Headers.Range = RangeHeaderValue.Parse(range);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes.AsSpan(first, length).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes {first}-{first + length - 1}/100000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_Range_past_the_end_answers_416_with_the_size()
    {
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", Bytes(1000));
        using var http = factory.AdminHttp();
        using var request = new HttpRequestMessage(HttpMethod.Get, await DownloadUrlAsync(artifact.GetProperty("id").GetString()!));
        request.Headers.Range = RangeHeaderValue.Parse("bytes=1000-");

        using var response = await http.SendAsync(request);

        Assert.Equal((HttpStatusCode.RequestedRangeNotSatisfiable, "RANGE_NOT_SATISFIABLE"), await ErrorAsync(response));
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task A_download_URL_expires_and_a_tampered_one_is_refused_both_with_403()
    {
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", Bytes(100));
        var url = await DownloadUrlAsync(artifact.GetProperty("id").GetString()!);
        using var http = factory.Http();

        using var tampered = await http.GetAsync(url.Replace("expires=", "expires=9", StringComparison.Ordinal));
        factory.Clock.Offset += TimeSpan.FromMinutes(16);
        using var expired = await http.GetAsync(url);
        var fresh = await DownloadUrlAsync(artifact.GetProperty("id").GetString()!);
        using var renewed = await http.GetAsync(fresh);

        Assert.Equal((HttpStatusCode.Forbidden, "SIGNATURE_INVALID"), await ErrorAsync(tampered));
        Assert.Equal((HttpStatusCode.Forbidden, "URL_EXPIRED"), await ErrorAsync(expired));
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task Every_download_is_audited_with_who_it_was_issued_to_and_the_range()
    {
        var artifact = await UploadAsync(await VersionAsync(), "model.bin", Bytes(5000));
        var id = artifact.GetProperty("id").GetString()!;
        using var anonymous = factory.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, await DownloadUrlAsync(id));
        request.Headers.Range = RangeHeaderValue.Parse("bytes=100-199");

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var downloaded = (await factory.AuditEventsAsync()).Last(e => e.Type == "ARTIFACT_DOWNLOADED");
        using var payload = JsonDocument.Parse(downloaded.PayloadJson);
        Assert.Equal((TestCredentials.AdminPrincipal, "bytes=100-199", 100L),
            (payload.RootElement.GetProperty("issuedTo").GetString(), payload.RootElement.GetProperty("range").GetString(),
                payload.RootElement.GetProperty("bytes").GetInt64()));
        Assert.Equal("model.bin", payload.RootElement.GetProperty("artifact").GetString());
    }

    [Fact]
    public async Task Deleting_an_artifact_removes_row_and_bytes_audits_the_reason_and_frees_the_name()
    {
        var versionId = await VersionAsync();
        var before = await factory.StoredObjectsAsync();
        var artifact = await UploadAsync(versionId, "model.bin", Bytes(1000));
        var url = await DownloadUrlAsync(artifact.GetProperty("id").GetString()!);

        var payload = await admin.MutateAsync(DeleteArtifact, new { id = artifact.GetProperty("id").GetString(), reason = "Wrong export" });

        Assert.Equal("model.bin", payload.GetProperty("artifact").GetProperty("name").GetString());
        Assert.Empty(await ArtifactsAsync(versionId));
        Assert.Equal(before, await factory.StoredObjectsAsync());
        Assert.Equal("Wrong export", (await factory.AuditEventsAsync()).Last(e => e.Type == "ARTIFACT_DELETED").Reason);
        using var http = factory.Http();
        using var gone = await http.GetAsync(url);
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), await ErrorAsync(gone));
        await UploadAsync(versionId, "model.bin", Bytes(10));
    }

    [Fact]
    public async Task Artifacts_of_a_version_that_reached_PRODUCTION_are_IMMUTABLE_even_after_it_left()
    {
        var versionId = await VersionAsync();
        var artifact = await UploadAsync(versionId, "model.bin", Bytes(1000));
        await admin.PromoteAsync(versionId, "STAGING", "PRODUCTION", "STAGING");
        using var http = factory.AdminHttp();

        var refused = await admin.MutateExpectingErrorAsync(DeleteArtifact, new { id = artifact.GetProperty("id").GetString(), reason = "cleanup" });
        using var upload = await PutAsync(http, versionId, "extra.bin", Body(Bytes(10)));

        Assert.Equal(("ImmutableError", "IMMUTABLE"), (refused.TypeName, refused.Code));
        Assert.Equal((HttpStatusCode.Conflict, "IMMUTABLE"), await ErrorAsync(upload));
        Assert.Single(await ArtifactsAsync(versionId));
    }

    /// <summary>A body whose length the client does not announce, so it goes chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>The artifact API on the file-system store.</summary>
public sealed class FileSystemArtifactApiTests(FileSystemArtifactApiFactory factory)
    : ArtifactApiContract<FileSystemArtifactApiFactory>(factory), IClassFixture<FileSystemArtifactApiFactory>;

/// <summary>The artifact API on the Azure Blob store, against Azurite.</summary>
public sealed class AzureBlobArtifactApiTests(AzureBlobArtifactApiFactory factory)
    : ArtifactApiContract<AzureBlobArtifactApiFactory>(factory), IClassFixture<AzureBlobArtifactApiFactory>;
