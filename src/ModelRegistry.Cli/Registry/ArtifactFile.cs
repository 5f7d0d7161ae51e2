using System.Security.Cryptography;

namespace ModelRegistry.Cli.Registry;

/// <summary>A local file to upload, with the digest computed in a streaming pass before any request is made.</summary>
public sealed record ArtifactFile(string Path, string Name, long SizeBytes, string Sha256, string ContentType)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".json"] = "application/json",
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".csv"] = "text/csv",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar",
    };

    /// <summary>Checks that <paramref name="path"/> is a readable file and hashes it without loading it whole.</summary>
    public static async Task<ArtifactFile> InspectAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw CliFailure.Usage($"Artifact file '{path}' does not exist.");
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var digest = await SHA256.HashDataAsync(stream, ct);
            var name = System.IO.Path.GetFileName(path);
            return new ArtifactFile(path, name, stream.Length, Convert.ToHexStringLower(digest), ContentTypeOf(name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"Cannot read artifact file '{path}': {e.Message}");
        }
    }

    /// <summary>The media type sent for a file name; model formats such as ONNX are opaque bytes.</summary>
    public static string ContentTypeOf(string name)
        => ContentTypes.TryGetValue(System.IO.Path.GetExtension(name), out var type) ? type : "application/octet-stream";
}
