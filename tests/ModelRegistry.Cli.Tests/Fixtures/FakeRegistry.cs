using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelRegistry.Cli.Tests.Fixtures;

/// <summary>An artifact as the fake received it.</summary>
public sealed record ReceivedUpload(string ModelVersionId, string Name, byte[] Bytes, string? DeclaredSha256, string? ContentType, long? ContentLength, string? ApiKey);

/// <summary>
/// A stand-in for the registry on a loopback Kestrel port: GraphQL answers come from <see cref="AnswerGraphQL"/>, and it
/// implements the artifact contract (PUT /artifacts/{modelVersionId}/{fileName} with X-Content-SHA256, GET of download
/// URLs) so the CLI's streaming and verification can be tested before the real endpoints exist.
/// </summary>
public sealed class FakeRegistry : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The base URL, e.g. http://127.0.0.1:41234/.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Answers a GraphQL request (query text, variables) with the whole response body; <c>null</c> means 503.</summary>
    public Func<string, JsonElement, object?> AnswerGraphQL { get; set; } = (_, _) => new { data = new { } };

    /// <summary>Every GraphQL query text received, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>Every upload received, in order.</summary>
    public ConcurrentQueue<ReceivedUpload> Uploads { get; } = new();

    /// <summary>Bytes served at GET /files/{name}.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>The X-Api-Key header of each GET /files request (null when none was sent).</summary>
    public ConcurrentQueue<string?> DownloadKeys { get; } = new();

    /// <summary>When set, uploads are refused with this status and artifact error code.</summary>
    public (int Status, string Code)? RefuseUploads { get; set; }

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeRegistry> StartAsync()
    {
        var fake = new FakeRegistry();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/graphql", (Delegate)fake.GraphQLAsync);
        app.MapPut("/artifacts/{modelVersionId}/{fileName}", fake.UploadAsync);
        app.MapGet("/files/{name}", fake.Download);
        await app.StartAsync();
        fake._app = app;
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return fake;
    }

    private async Task<IResult> GraphQLAsync(HttpContext http)
    {
        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        var query = request.RootElement.GetProperty("query").GetString()!;
        Queries.Enqueue(query);
        var answer = AnswerGraphQL(query, request.RootElement.GetProperty("variables").Clone());
        return answer is null ? Results.StatusCode(503) : Results.Json(answer);
    }

    private async Task<IResult> UploadAsync(HttpContext http, string modelVersionId, string fileName)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var declared = http.Request.Headers["X-Content-SHA256"].FirstOrDefault();
        Uploads.Enqueue(new ReceivedUpload(modelVersionId, fileName, bytes, declared, http.Request.ContentType, http.Request.ContentLength,
            http.Request.Headers["X-Api-Key"].FirstOrDefault()));
        if (RefuseUploads is { } refusal)
            return Results.Json(new { error = new { code = refusal.Code, message = "refused by the fake" } }, statusCode: refusal.Status);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (declared is not null && !string.Equals(declared, sha, StringComparison.OrdinalIgnoreCase))
            return Results.Json(new { error = new { code = "DIGEST_MISMATCH", message = "digest differs" } }, statusCode: 400);
        return Results.Json(new
        {
            id = "QXJ0aWZhY3Q6MQ==", name = fileName, sizeBytes = bytes.LongLength, sha256 = sha, contentType = http.Request.ContentType,
            uploadedAt = DateTimeOffset.UtcNow,
        }, statusCode: 201);
    }

    private IResult Download(HttpContext http, string name)
    {
        DownloadKeys.Enqueue(http.Request.Headers["X-Api-Key"].FirstOrDefault());
        return Files.TryGetValue(name, out var bytes)
            ? Results.Bytes(bytes, "application/octet-stream")
            : Results.Json(new { error = new { code = "NOT_FOUND", message = "no such artifact" } }, statusCode: 404);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
