using System.Buffers;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ModelRegistry.Core.Artifacts;

namespace ModelRegistry.Infrastructure.Artifacts;

/// <summary>
/// Artifacts as block blobs. An upload stages fixed-size blocks while hashing and commits the block list only once the
/// whole body arrived and its digest matched; until then no blob exists, and the service discards uncommitted blocks.
/// </summary>
public sealed class AzureBlobArtifactStore(BlobContainerClient container, int blockSizeBytes) : IArtifactStore
{
    /// <summary>Metadata entry holding the SHA-256 the registry computed.</summary>
    public const string Sha256Metadata = "sha256";

    /// <summary>The container holding the artifacts.</summary>
    public BlobContainerClient Container => container;

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken)
        => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public async Task<StoredBytes> WriteAsync(string key, Stream content, ArtifactWriteOptions options, CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(key);
        var buffer = ArrayPool<byte>.Shared.Rent(blockSizeBytes);
        try
        {
            using var reader = new DigestingReader(content, options);
            var blockIds = new List<string>();
            int read;
            while ((read = await reader.FillAsync(buffer.AsMemory(0, blockSizeBytes), cancellationToken)) > 0)
            {
                // Block IDs must all have the same length within a blob.
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(blockIds.Count.ToString("D8", CultureInfo.InvariantCulture)));
                using var block = new MemoryStream(buffer, 0, read, writable: false);
                await blob.StageBlockAsync(blockId, block, cancellationToken: cancellationToken);
                blockIds.Add(blockId);
            }
            var stored = reader.Finish(key);
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType ?? "application/octet-stream" },
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = stored.Sha256 },
                // Keys are unique per upload; never replace bytes that some row may already point at.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return stored;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(key).DownloadStreamingAsync(
                new BlobDownloadOptions { Range = new HttpRange(offset, length) }, cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new FileNotFoundException($"No blob '{key}' in container '{container.Name}'.", key, e);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await container.GetBlobClient(key).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw new IOException($"Blob '{key}' could not be deleted: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
        => (await container.GetBlobClient(key).ExistsAsync(cancellationToken)).Value;
}
