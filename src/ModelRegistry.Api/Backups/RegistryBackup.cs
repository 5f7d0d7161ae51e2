using Microsoft.Data.Sqlite;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Infrastructure.Artifacts;

namespace ModelRegistry.Api.Backups;

/// <summary>
/// <c>backup DIR</c>: a consistent copy of a SQLite registry that may be serving writes. The database is copied with
/// SQLite's online backup API, which reads one snapshot while writers go on (the file is in WAL mode). File-system
/// artifacts are copied before the snapshot and topped up after it from the rows the snapshot holds, so every artifact
/// the copied database names is in the backup (short of one deleted in between, which the manifest lists). The data
/// directory's <c>keys/</c> go with it. <c>backup.json</c>, written last, records the audit head and every file's SHA-256.
/// </summary>
public static class RegistryBackup
{
    /// <summary>The database file's name inside a backup.</summary>
    public const string DatabaseFile = "registry.db";

    /// <summary>Takes the backup into <paramref name="folder"/>, which must be missing or empty.</summary>
    public static async Task RunAsync(IServiceProvider services, RegistrySettings settings, string folder, TextWriter output, CancellationToken cancellationToken)
    {
        if (!HostCommand.IsEmptyOrMissing(folder))
            throw new OperationRefused("TARGET_NOT_EMPTY", $"{folder} is not empty; back up into a new or empty folder.", HostCommand.Usage);
        var source = new SqliteConnectionStringBuilder(settings.Persistence.ResolveSqliteConnectionString()) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        if (!File.Exists(source.DataSource))
            throw new OperationRefused("NO_DATABASE", $"There is no registry database at {source.DataSource}.", HostCommand.Usage);
        Directory.CreateDirectory(folder);
        var artifactsRoot = (services.GetRequiredService<IArtifactStore>() as FileSystemArtifactStore)?.Root;
        var backupArtifacts = Path.Combine(folder, "artifacts");
        var staged = artifactsRoot is null ? [] : CopyTree(artifactsRoot, backupArtifacts);

        var database = Path.Combine(folder, DatabaseFile);
        await using (var from = new SqliteConnection(source.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await from.OpenAsync(cancellationToken);
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);
            // The copy would inherit WAL mode; a single self-contained file is what a backup should be.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }
        var (head, artifacts) = await ReadSnapshotAsync(database, cancellationToken);
        var missing = artifactsRoot is null ? [] : TopUpArtifacts(artifactsRoot, backupArtifacts, staged, artifacts);

        var keys = Path.Combine(settings.Persistence.DataDirectory, "keys");
        if (Directory.Exists(keys))
            CopyTree(keys, Path.Combine(folder, "keys"));
        var anchorKey = Path.GetFullPath(settings.Persistence.ResolveAuditAnchorKeyPath());
        var anchorKeyIncluded = anchorKey.StartsWith(Path.GetFullPath(keys) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(anchorKey);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => BackupManifest.Describe(folder, Path.GetRelativePath(folder, f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        new BackupManifest(BackupManifest.CurrentFormat, DateTime.UtcNow, "Sqlite", head, anchorKeyIncluded, missing, files).WriteTo(folder);

        await output.WriteLineAsync(
            $"Backed up {settings.Persistence.DataDirectory} to {folder}: audit head {head?.Sequence ?? 0} ({head?.Hash ?? "empty log"}), " +
            $"{artifacts.Count - missing.Count} artifacts{(artifactsRoot is null ? " (not on the file system: back up the blob container separately)" : "")}, {files.Count} files.");
        if (!anchorKeyIncluded)
            await output.WriteLineAsync($"The audit anchor key ({anchorKey}) lives outside the data directory and is not in the backup; keep it with the backup.");
        foreach (var key in missing)
            await output.WriteLineAsync($"warning: artifact {key} was deleted while the backup ran; its row is in the backup, its bytes are not.");
    }

    private static async Task<(BackupAuditHead? Head, IReadOnlyList<(string Key, string Sha256)> Artifacts)> ReadSnapshotAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(cancellationToken);
        BackupAuditHead? head = null;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Sequence, Hash FROM AuditEvents ORDER BY Sequence DESC LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
                head = new BackupAuditHead(reader.GetInt64(0), reader.GetString(1));
        }
        var artifacts = new List<(string, string)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT StorageKey, Sha256 FROM Artifacts";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                artifacts.Add((reader.GetString(0), reader.GetString(1)));
        }
        return (head, artifacts);
    }

    // Rows the snapshot holds whose bytes were uploaded after the first copy are copied now; files copied first that no
    // row names (uploads not yet committed, or deleted before the snapshot) are dropped. Returns the keys whose bytes are gone.
    private static List<string> TopUpArtifacts(string root, string target, HashSet<string> staged, IReadOnlyList<(string Key, string Sha256)> artifacts)
    {
        var missing = new List<string>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, sha256) in artifacts)
        {
            var relative = key.Replace('/', Path.DirectorySeparatorChar);
            named.Add(relative);
            var copy = Path.Combine(target, relative);
            if (!staged.Contains(relative) && File.Exists(Path.Combine(root, relative)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(Path.Combine(root, relative), copy, overwrite: true);
            }
            if (!File.Exists(copy) || BackupManifest.Describe(target, relative).Sha256 != sha256)
                missing.Add(key);
        }
        foreach (var extra in staged.Where(s => !named.Contains(s)))
            File.Delete(Path.Combine(target, extra));
        return missing;
    }

    /// <summary>Copies every file under <paramref name="from"/> except unfinished uploads; returns their relative paths.</summary>
    public static HashSet<string> CopyTree(string from, string to)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(from))
            return copied;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".partial", StringComparison.Ordinal))
                continue;
            var relative = Path.GetRelativePath(from, file);
            var copy = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            try
            {
                File.Copy(file, copy, overwrite: true);
                copied.Add(relative);
            }
            catch (FileNotFoundException)
            {
                // Deleted since it was listed: the snapshot decides whether it is needed.
            }
        }
        return copied;
    }
}
