namespace ModelRegistry.Core.Artifacts;

/// <summary>
/// Where artifact bytes live (file system or blob storage). A write either stores every byte under the key, verified, or
/// leaves nothing behind: too large, a digest mismatch, a failing or aborted source all discard what was written.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Creates what the store needs (folder, container) and clears leftovers of interrupted writes.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Streams <paramref name="content"/> under <paramref name="key"/>, hashing while writing. Throws
    /// <see cref="ArtifactRefusedException"/> (ARTIFACT_TOO_LARGE, DIGEST_MISMATCH) after discarding the partial bytes.
    /// </summary>
    Task<StoredBytes> WriteAsync(string key, Stream content, ArtifactWriteOptions options, CancellationToken cancellationToken);

    /// <summary>Opens the bytes from <paramref name="offset"/>, <paramref name="length"/> of them (to the end when null).</summary>
    Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken);

    /// <summary>Deletes the bytes; deleting a missing key is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Whether bytes are stored under the key.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}

/// <summary>What a store measured while writing.</summary>
public sealed record StoredBytes(string Key, long SizeBytes, string Sha256);

/// <summary>Limits and checks applied while writing.</summary>
public sealed record ArtifactWriteOptions(long MaxBytes, string? ExpectedSha256 = null, string? ContentType = null);

/// <summary>A write the store refused; <see cref="Error"/> carries the code a client sees.</summary>
public sealed class ArtifactRefusedException(Common.DomainError error) : Exception(error.Message)
{
    /// <summary>The refusal.</summary>
    public Common.DomainError Error { get; } = error;
}
