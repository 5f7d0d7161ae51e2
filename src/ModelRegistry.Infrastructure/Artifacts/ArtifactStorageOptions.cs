namespace ModelRegistry.Infrastructure.Artifacts;

/// <summary>Where artifacts are stored and how they are served (section <c>Registry:Artifacts</c>).</summary>
public sealed class ArtifactStorageOptions
{
    /// <summary>The embedded file-system store, under the data directory.</summary>
    public const string FileSystem = "FileSystem";

    /// <summary>Azure Blob Storage (or Azurite).</summary>
    public const string AzureBlob = "AzureBlob";

    /// <summary><see cref="FileSystem"/> or <see cref="AzureBlob"/>.</summary>
    public string Provider { get; set; } = FileSystem;

    /// <summary>Azure Storage connection string (AzureBlob only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob container, created at start-up when missing (AzureBlob only).</summary>
    public string Container { get; set; } = "artifacts";

    /// <summary>Largest artifact accepted, in bytes; 5 GiB by default.</summary>
    public long MaxSizeBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Size of the blocks staged per Azure upload request; 4 MiB by default.</summary>
    public int BlockSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Base64 HMAC key signing download URLs; random per process when unset (then URLs die with the process).</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a download URL stays valid, in seconds; 15 minutes by default.</summary>
    public int UrlLifetimeSeconds { get; set; } = 900;

    /// <summary>Throws when the settings cannot work, naming the key at fault.</summary>
    public void Validate()
    {
        if (Provider is not (FileSystem or AzureBlob))
            throw new InvalidOperationException($"Registry:Artifacts:Provider must be '{FileSystem}' or '{AzureBlob}', not '{Provider}'.");
        if (Provider == AzureBlob && string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException("Registry:Artifacts:ConnectionString is required when Registry:Artifacts:Provider is AzureBlob.");
        if (MaxSizeBytes <= 0)
            throw new InvalidOperationException("Registry:Artifacts:MaxSizeBytes must be positive.");
        if (BlockSizeBytes is < 64 * 1024 or > 100 * 1024 * 1024)
            throw new InvalidOperationException("Registry:Artifacts:BlockSizeBytes must be between 64 KiB and 100 MiB.");
        if (UrlLifetimeSeconds <= 0)
            throw new InvalidOperationException("Registry:Artifacts:UrlLifetimeSeconds must be positive.");
    }
}
