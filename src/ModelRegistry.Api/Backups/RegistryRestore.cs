using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Backups;

/// <summary>
/// <c>restore DIR [--force]</c>: copies a backup into the configured data directory, which must be missing or empty, then
/// checks what it restored: the audit chain (every hash, every link, and the anchor key's MAC on every event, by the same
/// <see cref="AuditVerifier"/> as <c>verifyAuditTrail</c>) and every file's SHA-256 against <c>backup.json</c>. A broken
/// chain or a damaged file is refused, naming the first bad sequence or the file, and the copy is removed again, unless
/// <c>--force</c>. The anchor is then set at the restored head, so the first start seals nothing after the fact.
/// </summary>
public static class RegistryRestore
{
    /// <summary>Restores <paramref name="folder"/> into the configured data directory.</summary>
    public static async Task RunAsync(IServiceProvider services, RegistrySettings settings, string folder, bool force, TextWriter output, CancellationToken cancellationToken)
    {
        var manifest = BackupManifest.ReadFrom(folder);
        var target = settings.Persistence.DataDirectory;
        var database = new SqliteConnectionStringBuilder(settings.Persistence.ResolveSqliteConnectionString()).DataSource;
        if (!HostCommand.IsEmptyOrMissing(target) || File.Exists(database))
            throw new OperationRefused("TARGET_NOT_EMPTY",
                $"The data directory {target} is not empty; restore only into a new or empty one (Registry__DataDirectory), so nothing is overwritten.", HostCommand.Usage);
        var anchorKey = settings.Persistence.ResolveAuditAnchorKeyPath();
        if (!manifest.AnchorKeyIncluded && !File.Exists(anchorKey))
            throw new OperationRefused("NO_ANCHOR_KEY",
                $"The backup holds no audit anchor key and there is none at {anchorKey}; put the registry's key there first (Registry__Audit__AnchorKeyPath).", HostCommand.Usage);
        var created = !Directory.Exists(target);
        try
        {
            var damaged = Copy(folder, manifest, target, database);
            var (verification, head) = await VerifyAsync(services, cancellationToken);
            if (!verification.Valid && !force)
                throw new OperationRefused(ErrorCodes.AuditChainTampered,
                    $"The backup's audit chain is broken at sequence {verification.FirstBrokenSequence} ({verification.Tamper}); nothing was restored. " +
                    "Restore an earlier backup, or pass --force to restore this one as it is (the registry will keep reporting the break).");
            if (damaged.Count > 0 && !force)
                throw new OperationRefused("BACKUP_DAMAGED",
                    $"{string.Join(", ", damaged)} {(damaged.Count == 1 ? "does" : "do")} not match the SHA-256 in {BackupManifest.FileName}; nothing was restored. Pass --force to restore anyway.");
            if (head is not null)
            {
                var anchor = services.GetRequiredService<AuditAnchor>();
                anchor.Advance(head.Sequence, head.Hash);
                // On the file before the command reports success, not whenever the host is disposed.
                anchor.Flush();
            }
            await output.WriteLineAsync(verification.Valid
                ? $"Restored {folder} into {target}: {manifest.Files.Count} files; the audit chain verifies through sequence {head?.Sequence ?? 0}."
                : $"Restored {folder} into {target} with --force: the audit chain is broken at sequence {verification.FirstBrokenSequence} ({verification.Tamper}).");
            foreach (var file in damaged)
                await output.WriteLineAsync($"warning: {file} does not match its SHA-256 in {BackupManifest.FileName}.");
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            Remove(target, created, database);
            throw;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    // Copies every file the manifest lists; the database goes where the configuration puts it. Returns the damaged ones.
    private static List<string> Copy(string folder, BackupManifest manifest, string target, string database)
    {
        var damaged = new List<string>();
        foreach (var file in manifest.Files)
        {
            var relative = file.Path.Replace('/', Path.DirectorySeparatorChar);
            if (Path.IsPathRooted(relative) || relative.Split(Path.DirectorySeparatorChar).Contains(".."))
                throw new OperationRefused("NOT_A_BACKUP", $"{BackupManifest.FileName} names a file outside the backup: {file.Path}.", HostCommand.Usage);
            var source = Path.Combine(folder, relative);
            if (!File.Exists(source))
            {
                damaged.Add(file.Path);
                continue;
            }
            var destination = file.Path == RegistryBackup.DatabaseFile ? database : Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
            if (BackupManifest.Describe(folder, relative).Sha256 != file.Sha256)
                damaged.Add(file.Path);
        }
        if (!File.Exists(database))
            throw new OperationRefused("NOT_A_BACKUP", $"The backup holds no {RegistryBackup.DatabaseFile}.", HostCommand.Usage);
        return damaged;
    }

    private static async Task<(AuditVerification Verification, BackupAuditHead? Head)> VerifyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, null, cancellationToken);
        var head = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence).Select(e => new BackupAuditHead(e.Sequence, e.Hash)).FirstOrDefaultAsync(cancellationToken);
        return (verification, head);
    }

    private static void Remove(string target, bool created, string database)
    {
        foreach (var path in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(path);
        if (!Directory.Exists(target))
            return;
        if (created)
        {
            Directory.Delete(target, recursive: true);
            return;
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(target))
            if (Directory.Exists(entry))
                Directory.Delete(entry, recursive: true);
            else
                File.Delete(entry);
    }
}
