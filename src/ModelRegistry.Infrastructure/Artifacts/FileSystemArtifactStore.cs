using System.Buffers;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Artifacts;

namespace ModelRegistry.Infrastructure.Artifacts;

/// <summary>
/// Artifacts as files under one folder. A write goes to a hidden temporary file in the target's own folder, is flushed to
/// disk and renamed into place only when complete and verified, so readers never see a partial file and a failed write
/// leaves nothing; temporary files of a crashed process are removed at start-up once they are stale.
/// </summary>
public sealed partial class FileSystemArtifactStore(string root) : IArtifactStore
{
    private const string PartialSuffix = ".partial";
    private const int BufferSize = 1024 * 1024;

    /// <summary>
    /// How long a temporary file (or an empty folder) must have gone untouched before start-up removes it. Replicas share
    /// the folder, so a replica starting while another is mid-upload must not delete that upload: a live upload writes
    /// its file continuously, a crashed one stops.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);
    private readonly string _root = Path.GetFullPath(root);

    [GeneratedRegex("^[a-z0-9-]+(/[a-z0-9-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    /// <summary>The folder holding the artifacts.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_root);
        var staleBefore = DateTime.UtcNow - StaleAfter;
        // Folders this pass emptied: deleting a file in a folder makes the folder look freshly touched.
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var partial in Directory.EnumerateFiles(_root, "*" + PartialSuffix, SearchOption.AllDirectories).ToList())
        {
            if (File.GetLastWriteTimeUtc(partial) >= staleBefore)
                continue;
            File.Delete(partial);
            cleared.Add(Path.GetDirectoryName(partial)!);
        }
        // A process killed during an upload also leaves the folder it made for the version; an empty folder nobody
        // touched for as long (or that this pass emptied) can go; a fresh one may be another replica's upload about to start.
        foreach (var folder in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories)
                     .OrderByDescending(f => f.Length).ToList())
        {
            if ((cleared.Contains(folder) || Directory.GetLastWriteTimeUtc(folder) < staleBefore) && RemoveIfEmpty(folder))
                cleared.Add(Path.GetDirectoryName(folder)!);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<StoredBytes> WriteAsync(string key, Stream content, ArtifactWriteOptions options, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{PartialSuffix}");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            StoredBytes stored;
            await using (var file = CreateTemporary(folder, temp))
            {
                using var reader = new DigestingReader(content, options);
                int read;
                while ((read = await reader.FillAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                stored = reader.Finish(key);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
            return stored;
        }
        catch
        {
            File.Delete(temp);
            RemoveEmptyFoldersUpTo(folder);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        // A deleted artifact takes its emptied folder with it; to callers it is missing either way.
        if (!Directory.Exists(Path.GetDirectoryName(path)))
            throw new FileNotFoundException($"No artifact is stored under '{key}'.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream>(length is { } bounded ? new BoundedReadStream(file, bounded) : file);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
            return Task.CompletedTask; // Deleted before, with its folder.
        File.Delete(path);
        RemoveEmptyFoldersUpTo(folder);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    // A failed write or a delete may empty a folder at the moment another write of the same folder made it; that write
    // then finds the folder gone and makes it again.
    private static FileStream CreateTemporary(string folder, string temp)
    {
        for (var attempt = 1; ; attempt++)
        {
            Directory.CreateDirectory(folder);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < 5)
            {
                // Removed in between; make it again.
            }
        }
    }

    /// <summary>Removes <paramref name="folder"/> and its parents below the root while they are empty.</summary>
    private void RemoveEmptyFoldersUpTo(string folder)
    {
        var current = folder;
        while (current.Length > _root.Length && current.StartsWith(_root, StringComparison.Ordinal) && RemoveIfEmpty(current))
            current = Path.GetDirectoryName(current)!;
    }

    private static bool RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.EnumerateFileSystemEntries(folder).Any())
                return false;
            Directory.Delete(folder, recursive: false);
            return true;
        }
        catch (IOException)
        {
            // Not empty any more (a write made a file in it), or already gone.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Keys are made by the registry, never by clients; the check still keeps any key inside the root.
    private string PathOf(string key)
    {
        if (!Key().IsMatch(key))
            throw new ArgumentException($"'{key}' is not an artifact storage key.", nameof(key));
        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
