using System.Security.Cryptography;
using Azure.Storage.Blobs;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Infrastructure.Artifacts;

namespace ModelRegistry.Api.Tests.Artifacts;

/// <summary>The behaviour every artifact store must have, run against the file system and against Azurite.</summary>
public abstract class ArtifactStoreContract
{
    /// <summary>Small enough to force several Azure blocks out of a few hundred kilobytes.</summary>
    protected const int BlockSize = 64 * 1024;

    /// <summary>The store under test, prepared.</summary>
    protected abstract IArtifactStore Store { get; }

    /// <summary>Every stored object the store holds, including partial ones (temporary files, committed blobs).</summary>
    protected abstract Task<IReadOnlyList<string>> EverythingStoredAsync();

    /// <summary>Random bytes.</summary>
    protected static byte[] Bytes(int length) => RandomNumberGenerator.GetBytes(length);

    /// <summary>A fresh storage key.</summary>
    protected static string Key() => $"7/{Guid.NewGuid():N}";

    protected static ArtifactWriteOptions Limits(string? sha256 = null) => new(10 * 1024 * 1024, sha256, "application/octet-stream");

    [Fact]
    public async Task Writing_measures_size_and_SHA256_while_streaming_and_reads_the_same_bytes_back()
    {
        var bytes = Bytes(5 * BlockSize + 123);
        var key = Key();

        var stored = await Store.WriteAsync(key, new MemoryStream(bytes), Limits(), default);

        Assert.Equal((key, (long)bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), (stored.Key, stored.SizeBytes, stored.Sha256));
        await using var read = await Store.OpenReadAsync(key, 0, null, default);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.True(await Store.ExistsAsync(key, default));
    }

    [Fact]
    public async Task A_client_digest_that_matches_is_accepted_in_any_letter_case()
    {
        var bytes = Bytes(1000);

        var stored = await Store.WriteAsync(Key(), new MemoryStream(bytes), Limits(Convert.ToHexString(SHA256.HashData(bytes))), default);

        Assert.Equal(1000, stored.SizeBytes);
    }

    [Fact]
    public async Task A_wrong_client_digest_is_refused_with_DIGEST_MISMATCH_and_leaves_nothing_behind()
    {
        var key = Key();
        var before = await EverythingStoredAsync();

        var refused = await Assert.ThrowsAsync<ArtifactRefusedException>(() =>
            Store.WriteAsync(key, new MemoryStream(Bytes(3 * BlockSize)), Limits(new string('0', 64)), default));

        Assert.Equal("DIGEST_MISMATCH", refused.Error.Code);
        Assert.False(await Store.ExistsAsync(key, default));
        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Fact]
    public async Task Bytes_beyond_the_maximum_are_refused_with_ARTIFACT_TOO_LARGE_and_leave_nothing_behind()
    {
        var key = Key();
        var before = await EverythingStoredAsync();

        var refused = await Assert.ThrowsAsync<ArtifactRefusedException>(() =>
            Store.WriteAsync(key, new MemoryStream(Bytes(3 * BlockSize)), new ArtifactWriteOptions(2 * BlockSize), default));

        Assert.Equal("ARTIFACT_TOO_LARGE", refused.Error.Code);
        Assert.False(await Store.ExistsAsync(key, default));
        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Fact]
    public async Task A_source_that_breaks_mid_stream_leaves_nothing_behind()
    {
        var key = Key();
        var before = await EverythingStoredAsync();

        await Assert.ThrowsAsync<IOException>(() => Store.WriteAsync(key, new BreakingStream(3 * BlockSize + 17), Limits(), default));

        Assert.False(await Store.ExistsAsync(key, default));
        Assert.Equal(before, await EverythingStoredAsync());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(70_000, 1)]
    [InlineData(65_530, 20_000)]
    [InlineData(199_990, 10)]
    public async Task Reading_a_range_returns_exactly_those_bytes(int offset, int length)
    {
        var bytes = Bytes(200_000);
        var key = Key();
        await Store.WriteAsync(key, new MemoryStream(bytes), Limits(), default);

        await using var read = await Store.OpenReadAsync(key, offset, length, default);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);

        Assert.Equal(bytes.AsSpan(offset, length).ToArray(), copy.ToArray());
    }

    [Fact]
    public async Task An_empty_file_is_stored_with_the_digest_of_no_bytes()
    {
        var stored = await Store.WriteAsync(Key(), new MemoryStream(), Limits(), default);

        Assert.Equal((0L, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), (stored.SizeBytes, stored.Sha256));
    }

    [Fact]
    public async Task Deleting_removes_the_bytes_and_deleting_again_is_harmless()
    {
        var key = Key();
        await Store.WriteAsync(key, new MemoryStream(Bytes(100)), Limits(), default);

        await Store.DeleteAsync(key, default);
        await Store.DeleteAsync(key, default);

        Assert.False(await Store.ExistsAsync(key, default));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Store.OpenReadAsync(key, 0, null, default));
    }

    [Fact]
    public async Task Preparing_again_keeps_what_is_stored()
    {
        var key = Key();
        await Store.WriteAsync(key, new MemoryStream(Bytes(100)), Limits(), default);

        await Store.PrepareAsync(default);

        Assert.True(await Store.ExistsAsync(key, default));
    }

    /// <summary>Yields random bytes, then fails like a connection reset.</summary>
    private sealed class BreakingStream(int failAfter) : MemoryStream(Bytes(failAfter))
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The connection was reset.");
        }
    }
}

/// <summary>The contract on the file-system store, in a temporary folder.</summary>
public sealed class FileSystemArtifactStoreTests : ArtifactStoreContract, IDisposable
{
    private readonly FileSystemArtifactStore _store = new(Path.Combine(Path.GetTempPath(), "model-registry-fs-store", Guid.NewGuid().ToString("N")));

    /// <summary>Prepares the folder.</summary>
    public FileSystemArtifactStoreTests() => _store.PrepareAsync(default).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override IArtifactStore Store => _store;

    /// <inheritdoc />
    protected override Task<IReadOnlyList<string>> EverythingStoredAsync()
        => Task.FromResult<IReadOnlyList<string>>(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories).Order().ToList());

    [Fact]
    public async Task Temporary_files_of_an_interrupted_process_are_removed_when_the_store_is_prepared()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_store.Root, "9"));
        var leftover = Path.Combine(folder.FullName, ".abc.123.partial");
        await File.WriteAllTextAsync(leftover, "half an upload");
        Age(leftover);

        await _store.PrepareAsync(default);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task An_upload_in_progress_on_another_replica_sharing_the_folder_survives_this_replica_starting()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_store.Root, "models", "7", "versions", "2"));
        var uploading = Path.Combine(folder.FullName, ".weights.456.partial");
        await File.WriteAllTextAsync(uploading, "an upload still being written");

        await _store.PrepareAsync(default);

        Assert.True(File.Exists(uploading));
    }

    // Makes a file, and the folders above it up to the root, look untouched for longer than the store waits.
    private void Age(string file)
    {
        var past = DateTime.UtcNow - FileSystemArtifactStore.StaleAfter - TimeSpan.FromMinutes(1);
        File.SetLastWriteTimeUtc(file, past);
        for (var folder = Path.GetDirectoryName(file)!; folder.Length > _store.Root.Length; folder = Path.GetDirectoryName(folder)!)
            Directory.SetLastWriteTimeUtc(folder, past);
    }

    [Fact]
    public async Task The_empty_folders_of_an_upload_killed_mid_stream_are_removed_when_the_store_is_prepared()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_store.Root, "models", "9", "versions", "3"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, ".weights.123.partial"), "half an upload");
        Age(Path.Combine(folder.FullName, ".weights.123.partial"));
        await _store.WriteAsync("models/8/versions/1/kept", new MemoryStream([1, 2, 3]), Limits(), default);

        await _store.PrepareAsync(default);

        Assert.False(Directory.Exists(Path.Combine(_store.Root, "models", "9")));
        Assert.True(File.Exists(Path.Combine(_store.Root, "models", "8", "versions", "1", "kept")));
        Assert.True(Directory.Exists(_store.Root));
    }

    [Fact]
    public async Task A_refused_write_and_a_delete_leave_no_empty_folder_behind()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _store.WriteAsync(
            "models/5/versions/2/weights", new MemoryStream([1, 2, 3]), Limits(new string('0', 64)), default));
        await _store.WriteAsync("models/6/versions/1/weights", new MemoryStream([1, 2, 3]), Limits(), default);
        await _store.DeleteAsync("models/6/versions/1/weights", default);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_store.Root));
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose() => Directory.Delete(_store.Root, recursive: true);
}

/// <summary>The contract on the Azure Blob store, against Azurite, with small blocks so uploads span several.</summary>
public sealed class AzureBlobArtifactStoreTests : ArtifactStoreContract, IClassFixture<AzuriteServer>
{
    private readonly BlobContainerClient _container;
    private readonly AzureBlobArtifactStore _store;

    /// <summary>Creates a container of its own through the store's preparation.</summary>
    public AzureBlobArtifactStoreTests(AzuriteServer azurite)
    {
        _container = azurite.Container("store-" + Guid.NewGuid().ToString("N"));
        _store = new AzureBlobArtifactStore(_container, BlockSize);
        _store.PrepareAsync(default).GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    protected override IArtifactStore Store => _store;

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<string>> EverythingStoredAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync())
            names.Add(blob.Name);
        return names.Order().ToList();
    }

    [Fact]
    public async Task Preparation_creates_the_container_when_it_is_missing()
    {
        Assert.True((await _container.ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_committed_blob_carries_the_content_type_and_the_registry_digest()
    {
        var bytes = Bytes(3 * BlockSize);
        var key = Key();

        await _store.WriteAsync(key, new MemoryStream(bytes), new ArtifactWriteOptions(1 << 20, null, "application/onnx"), default);

        var properties = (await _container.GetBlobClient(key).GetPropertiesAsync()).Value;
        Assert.Equal("application/onnx", properties.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), properties.Metadata[AzureBlobArtifactStore.Sha256Metadata]);
        Assert.Equal(bytes.Length, properties.ContentLength);
    }
}
