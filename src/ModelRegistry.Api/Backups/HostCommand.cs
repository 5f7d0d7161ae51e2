using ModelRegistry.Api.Extensions;

namespace ModelRegistry.Api.Backups;

/// <summary>A refusal of <c>backup</c> or <c>restore</c>: one line on stderr, <c>error: CODE: message</c>, and an exit code.</summary>
public sealed class OperationRefused(string code, string message, int exitCode = HostCommand.Refused) : Exception(message)
{
    /// <summary>A stable code scripts can branch on.</summary>
    public string Code { get; } = code;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>
/// An operator command the host runs instead of serving, like <c>--print-schema</c>:
/// <c>backup DIR</c> takes a consistent copy of a (possibly serving) SQLite registry, and <c>restore DIR [--force]</c>
/// restores one into the configured, empty data directory after checking its audit chain. See docs/operations.md.
/// </summary>
public sealed record HostCommand(string Verb, string Directory, bool Force)
{
    /// <summary>Exit code of a command line that names no directory or a directory that cannot be used.</summary>
    public const int Usage = 1;

    /// <summary>Exit code of a refusal on the content: a broken audit chain, a corrupt file.</summary>
    public const int Refused = 2;

    /// <summary>The command the arguments name, if any: <c>backup DIR</c> or <c>restore DIR [--force]</c> as the first arguments.</summary>
    public static HostCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("backup" or "restore"))
            return null;
        var rest = args.Skip(1).ToList();
        var force = rest.Remove("--force");
        return new HostCommand(args[0], rest.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "", force);
    }

    /// <summary>Runs the command; returns the process exit code. Never lets a stack trace reach the terminal.</summary>
    public async Task<int> RunAsync(IServiceProvider services, RegistrySettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(Directory))
                throw new OperationRefused("USAGE", $"Name the backup folder: {Verb} <dir>{(Verb == "restore" ? " [--force]" : "")}.", Usage);
            if (settings.Persistence.IsPostgres)
                throw new OperationRefused("USE_PG_DUMP",
                    $"The registry runs on PostgreSQL; {Verb} it with pg_dump and pg_restore (docs/operations.md, \"Backup and restore\").", Usage);
            var folder = Path.GetFullPath(Directory);
            if (Verb == "backup")
                await RegistryBackup.RunAsync(services, settings, folder, output, cancellationToken);
            else
                await RegistryRestore.RunAsync(services, settings, folder, Force, output, cancellationToken);
            return 0;
        }
        catch (OperationRefused refused)
        {
            await error.WriteLineAsync($"error: {refused.Code}: {refused.Message}");
            return refused.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {(Verb == "backup" ? "BACKUP_FAILED" : "RESTORE_FAILED")}: {e.Message}");
            return Refused;
        }
    }

    /// <summary>Whether <paramref name="folder"/> is missing or holds nothing.</summary>
    public static bool IsEmptyOrMissing(string folder)
        => !System.IO.Directory.Exists(folder) || !System.IO.Directory.EnumerateFileSystemEntries(folder).Any();
}
