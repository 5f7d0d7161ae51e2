using System.Security.Cryptography;
using System.Text.Json;

namespace ModelRegistry.Api.Backups;

/// <summary>One file of a backup, by its path relative to the backup folder (always with <c>/</c>).</summary>
public sealed record BackupFile(string Path, long SizeBytes, string Sha256);

/// <summary>The audit head the backed-up database ends at.</summary>
public sealed record BackupAuditHead(long Sequence, string Hash);

/// <summary>
/// <c>backup.json</c>, written last into a backup folder: when it was taken, the audit head of the copied database, and
/// the SHA-256 of every file, so a restore can tell a damaged copy from a good one.
/// </summary>
public sealed record BackupManifest(
    string Format, DateTime CreatedAt, string DatabaseProvider, BackupAuditHead? AuditHead, bool AnchorKeyIncluded,
    IReadOnlyList<string> MissingArtifacts, IReadOnlyList<BackupFile> Files)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "backup.json";

    /// <summary>Names this layout.</summary>
    public const string CurrentFormat = "model-registry-backup/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the manifest into <paramref name="folder"/>.</summary>
    public void WriteTo(string folder) => File.WriteAllText(System.IO.Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads the manifest of <paramref name="folder"/>.</summary>
    /// <exception cref="OperationRefused">There is none, or it is not a backup manifest.</exception>
    public static BackupManifest ReadFrom(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new OperationRefused("NOT_A_BACKUP", $"{folder} holds no {FileName}: it is not a registry backup, or the backup did not finish.", HostCommand.Usage);
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json);
            if (manifest?.Format != CurrentFormat || manifest.Files is null)
                throw new OperationRefused("NOT_A_BACKUP", $"{path} is not a {CurrentFormat} manifest.", HostCommand.Usage);
            return manifest;
        }
        catch (JsonException e)
        {
            throw new OperationRefused("NOT_A_BACKUP", $"{path} is not valid JSON: {e.Message}", HostCommand.Usage);
        }
    }

    /// <summary>The SHA-256 (lower-case hex) and size of a file.</summary>
    public static BackupFile Describe(string folder, string relativePath)
    {
        using var stream = File.OpenRead(System.IO.Path.Combine(folder, relativePath));
        return new BackupFile(relativePath.Replace('\\', '/'), stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
