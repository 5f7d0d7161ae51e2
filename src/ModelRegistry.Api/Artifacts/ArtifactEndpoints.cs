using System.Globalization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Infrastructure.Artifacts;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Artifacts;

/// <summary>
/// The byte paths of artifacts: <c>PUT /artifacts/{modelVersionId}/{fileName}</c> streams an upload into the store, and
/// <c>GET /artifacts/{artifactId}/content</c> serves a signed download with Range support. Errors are
/// <c>{ "error": { "code", "message" } }</c>.
/// </summary>
public static class ArtifactEndpoints
{
    /// <summary>Header carrying the SHA-256 the client computed (upload) or the server recorded (download).</summary>
    public const string DigestHeader = "X-Content-SHA256";

    private const int CopyBufferSize = 128 * 1024;

    /// <summary>Maps the upload and download routes.</summary>
    public static void MapArtifacts(this WebApplication app)
    {
        app.MapPut("/artifacts/{modelVersionId}/{fileName}", UploadAsync);
        app.MapGet("/artifacts/{artifactId}/content", DownloadAsync);
    }

    /// <summary>True for a download that carries a signature: the URL is its credential, so it needs no API key.</summary>
    public static bool IsSignedDownload(HttpRequest request)
        => HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("sig")
           && request.Path.StartsWithSegments("/artifacts", out var rest) && rest.Value is { } tail
           && tail.EndsWith("/content", StringComparison.Ordinal) && tail.Count(c => c == '/') == 2;

    private static async Task<IResult> UploadAsync(HttpContext http, string modelVersionId, string fileName)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<ArtifactStorageOptions>();
        if (!GlobalId.TryDecodeLong(modelVersionId, NodeTypes.ModelVersion, out var versionId))
            return Error(DomainError.Invalid($"'{modelVersionId}' is not the ID of a ModelVersion.", "modelVersionId"));
        var digest = http.Request.Headers[DigestHeader].ToString() is { Length: > 0 } sent ? sent.Trim() : null;
        if (ArtifactRules.CheckSha256(digest, DigestHeader) is { } badDigest)
            return Error(badDigest);
        if (http.Request.ContentLength > options.MaxSizeBytes)
            return Error(TooLarge(options));

        var upload = services.GetRequiredService<UploadArtifact>();
        var command = new UploadArtifactCommand(versionId, fileName, string.IsNullOrWhiteSpace(http.Request.ContentType) ? null : http.Request.ContentType);
        if (await upload.CheckAsync(command, http.RequestAborted) is { } refused)
            return Error(refused);

        var result = await StoreAsync(http, upload, command, digest);
        if (!result.IsSuccess)
            return Error(result.Error!);
        var artifact = result.Value!;
        var id = GlobalId.Encode(NodeTypes.Artifact, artifact.Id);
        var downloadUrl = services.GetRequiredService<ArtifactUrlSigner>().Sign(artifact.Id, services.GetRequiredService<RequestPrincipal>().Principal.Name);
        return Results.Json(new
        {
            id, name = artifact.Name, sizeBytes = artifact.SizeBytes, sha256 = artifact.Sha256, contentType = artifact.ContentType,
            uploadedAt = artifact.UploadedAt, downloadUrl,
        }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Streams the request body into the store under a fresh key and records it as an artifact of the command's version.
    /// A refusal (too large, digest mismatch, a broken body, a rule of the use case) leaves no bytes behind.
    /// </summary>
    public static async Task<Result<Artifact>> StoreAsync(HttpContext http, UploadArtifact upload, UploadArtifactCommand command, string? digest)
    {
        using var span = RegistryTelemetry.Source.StartActivity("registry.artifact.upload");
        span?.SetTag("registry.model_version.id", command.ModelVersionId);
        var services = http.RequestServices;
        var options = services.GetRequiredService<ArtifactStorageOptions>();
        // Kestrel enforces the same ceiling on bodies without a Content-Length; the store counts and stops at it too.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxSizeBytes;
        var store = services.GetRequiredService<IArtifactStore>();
        var key = $"{command.ModelVersionId}/{Guid.NewGuid():N}";
        StoredBytes stored;
        try
        {
            stored = await store.WriteAsync(key, http.Request.Body, new ArtifactWriteOptions(options.MaxSizeBytes, digest, command.ContentType),
                http.RequestAborted);
        }
        catch (ArtifactRefusedException e)
        {
            return e.Error;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options);
        }
        catch (Exception e) when (e is BadHttpRequestException or ConnectionResetException || http.RequestAborted.IsCancellationRequested)
        {
            // The client went away or sent a broken body; the store discarded what it had. Other failures (a full disk,
            // an unreachable blob service) are the server's and surface as such.
            return DomainError.Invalid("The upload ended before its body was complete; nothing was stored.", "body");
        }

        Result<Artifact> result;
        try
        {
            // Every byte arrived: finish the record even if the client hangs up now.
            result = await upload.RecordAsync(command, stored, CancellationToken.None);
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        if (!result.IsSuccess)
            await store.DeleteAsync(key, CancellationToken.None);
        return result;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, string artifactId, string? expires, string? sub, string? sig)
    {
        var services = http.RequestServices;
        if (!GlobalId.TryDecodeLong(artifactId, NodeTypes.Artifact, out var id))
            return Error(DomainError.NotFound("The artifact", "artifactId"));
        if (services.GetRequiredService<ArtifactUrlSigner>().Verify(id, expires, sub, sig) is { } denied)
            return Error(denied);

        // The signature proved the issuer could read the artifact; it may have been deleted since.
        Artifact? artifact;
        using (services.GetRequiredService<ReadVisibilityHolder>().Unrestricted())
            artifact = await services.GetRequiredService<RegistryDbContext>().Artifacts.AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == id, http.RequestAborted);
        if (artifact is null)
            return Error(DomainError.NotFound("The artifact", "artifactId"));
        var range = ByteRange.Of(http.Request.Headers.Range.ToString(), artifact.SizeBytes);
        if (!range.Satisfiable)
        {
            http.Response.Headers.ContentRange = $"bytes */{artifact.SizeBytes}";
            return Error(new DomainError(ErrorCodes.RangeNotSatisfiable,
                $"The range '{http.Request.Headers.Range}' selects no byte of a {artifact.SizeBytes}-byte artifact."));
        }

        var recorded = await services.GetRequiredService<RecordArtifactDownload>().ExecuteAsync(
            new RecordArtifactDownloadCommand(id, sub!, range.First, range.Last, range.Partial), http.RequestAborted);
        if (!recorded.IsSuccess)
            return Error(recorded.Error!);
        return new ArtifactContentResult(artifact, range, services.GetRequiredService<IArtifactStore>());
    }

    private static DomainError TooLarge(ArtifactStorageOptions options)
        => new(ErrorCodes.ArtifactTooLarge, $"The artifact is larger than the maximum of {options.MaxSizeBytes} bytes.", "body");

    /// <summary>The HTTP answer for a refusal: its status and <c>{ "error": { "code", "message" } }</c>.</summary>
    public static IResult Error(DomainError error)
        => Results.Json(new { error = new { code = error.Code, message = error.Message } }, statusCode: StatusOf(error.Code));

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.SignatureInvalid or ErrorCodes.UrlExpired => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.ArtifactExists or ErrorCodes.Immutable => StatusCodes.Status409Conflict,
        ErrorCodes.ArtifactTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.RangeNotSatisfiable => StatusCodes.Status416RangeNotSatisfiable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Streams the selected bytes from the store with the download headers.</summary>
    private sealed class ArtifactContentResult(Artifact artifact, ByteRange range, IArtifactStore store) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            Stream source;
            try
            {
                source = await store.OpenReadAsync(artifact.StorageKey, range.First, range.Partial ? range.Length : null, http.RequestAborted);
            }
            catch (FileNotFoundException)
            {
                await Error(new DomainError(ErrorCodes.NotFound, $"The bytes of artifact '{artifact.Name}' are missing from the store.")).ExecuteAsync(http);
                return;
            }
            await using (source)
            {
                var response = http.Response;
                response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
                response.ContentType = artifact.ContentType ?? "application/octet-stream";
                response.ContentLength = Math.Max(0, range.Length);
                response.Headers.AcceptRanges = "bytes";
                response.Headers.ETag = new EntityTagHeaderValue($"\"{artifact.Sha256}\"").ToString();
                response.Headers[DigestHeader] = artifact.Sha256;
                response.Headers.CacheControl = "private, no-store";
                response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = artifact.Name }.ToString();
                if (range.Partial)
                    response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{artifact.SizeBytes}");
                try
                {
                    await source.CopyToAsync(response.Body, CopyBufferSize, http.RequestAborted);
                }
                catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
                {
                    // The client hung up mid-download; the download was already audited when it began.
                }
            }
        }
    }
}
