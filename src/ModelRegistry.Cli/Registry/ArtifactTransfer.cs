using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace ModelRegistry.Cli.Registry;

/// <summary>
/// Moves artifact bytes over the registry's HTTP contract: <c>PUT /artifacts/{modelVersionId}/{fileName}</c> with
/// <c>X-Content-SHA256</c>, and GET of a version's <c>downloadUrl</c>. Both stream; neither holds a whole file in memory.
/// </summary>
public sealed class ArtifactTransfer(RegistryHttp http)
{
    /// <summary>The request header that carries the client's digest, verified by the registry.</summary>
    public const string DigestHeader = "X-Content-SHA256";

    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Uploads <paramref name="file"/> to the version and returns the registry's record of it
    /// (<c>{ id, name, sizeBytes, sha256, contentType, uploadedAt }</c>).
    /// </summary>
    public async Task<JsonElement> UploadAsync(string modelVersionId, ArtifactFile file, Action<long> onBytes, CancellationToken ct)
    {
        var path = $"artifacts/{Uri.EscapeDataString(modelVersionId)}/{Uri.EscapeDataString(file.Name)}";
        await using var source = new ProgressStream(
            new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true), onBytes);
        using var content = new StreamContent(source, BufferSize);
        content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
        content.Headers.ContentLength = file.SizeBytes;
        using var request = new HttpRequestMessage(HttpMethod.Put, http.Connection.Resolve(path)) { Content = content };
        request.Headers.TryAddWithoutValidation(DigestHeader, file.Sha256);
        // Lets the registry refuse (401, 403, 404, 409, 413) before a large body is sent at all.
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw await RefusalAsync(response, $"upload of {file.Name}", ct);
        using var answer = await ReadJsonAsync(response, ct);
        var record = answer.RootElement.Clone();
        var stored = record.TryGetProperty("sha256", out var sha) ? sha.GetString() : null;
        if (!string.Equals(stored, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw CliFailure.Refused("DIGEST_MISMATCH", $"The registry stored {file.Name} with SHA-256 {stored ?? "(none)"}, not {file.Sha256}.");
        return record;
    }

    /// <summary>
    /// Downloads one artifact into <paramref name="directory"/>, hashing while writing. The bytes land in a
    /// <c>.partial</c> file that becomes the real one only once size and SHA-256 match; otherwise it is removed.
    /// </summary>
    public async Task<string> DownloadAsync(ArtifactEntry artifact, string directory, Action<long> onBytes, CancellationToken ct)
    {
        var target = Path.Combine(directory, artifact.Name);
        var partial = target + ".partial";
        using var request = new HttpRequestMessage(HttpMethod.Get, http.Connection.Resolve(artifact.DownloadUrl));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw await RefusalAsync(response, $"download of {artifact.Name}", ct);
        try
        {
            var (size, sha) = await CopyHashingAsync(response, partial, onBytes, ct);
            if (!string.Equals(sha, artifact.Sha256, StringComparison.OrdinalIgnoreCase) || size != artifact.SizeBytes)
                throw CliFailure.Refused("DIGEST_MISMATCH",
                    $"{artifact.Name}: received {size} bytes with SHA-256 {sha}, the registry recorded {artifact.SizeBytes} bytes with {artifact.Sha256}; the partial file was removed.");
            File.Move(partial, target, overwrite: true);
            return target;
        }
        catch (Exception e)
        {
            File.Delete(partial);
            if (e is IOException && !ct.IsCancellationRequested && e is not FileNotFoundException)
                throw CliFailure.Unreachable($"The download of {artifact.Name} broke off: {e.Message}", e);
            throw;
        }
    }

    private static async Task<(long Size, string Sha256)> CopyHashingAsync(HttpResponseMessage response, string partial, Action<long> onBytes, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            size += read;
            onBytes(read);
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw CliFailure.Refused($"HTTP_{(int)response.StatusCode}", "The registry's answer to an artifact upload was not JSON.");
        }
    }

    // The artifact and audit export endpoints answer refusals with { "error": { "code", "message" } }; the registry's
    // own 401 in front of every route, before an endpoint runs, has the GraphQL shape { "errors": [{ message, extensions: { code } }] }.
    internal static async Task<CliFailure> RefusalAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var root = answer.RootElement;
            var error = root.ValueKind != JsonValueKind.Object ? default
                : root.TryGetProperty("error", out var single) && single.ValueKind == JsonValueKind.Object ? single
                : root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0 ? list[0]
                : default;
            if (error.ValueKind == JsonValueKind.Object)
            {
                var extensions = error.TryGetProperty("extensions", out var x) && x.ValueKind == JsonValueKind.Object ? x : error;
                var code = extensions.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return CliFailure.Refused(code ?? $"HTTP_{status}", $"The {what} was refused: {message ?? response.ReasonPhrase}");
            }
        }
        catch (JsonException)
        {
            // Neither shape (a proxy's page, say): the status alone tells what happened.
        }
        return CliFailure.Refused($"HTTP_{status}", $"The {what} was refused with {status} {response.ReasonPhrase}.");
    }
}

/// <summary>An artifact as <c>ModelVersion.artifacts</c> lists it.</summary>
public sealed record ArtifactEntry(string Name, long SizeBytes, string Sha256, string DownloadUrl);
