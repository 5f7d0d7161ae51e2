using System.CommandLine;
using System.Text.Json;
using ModelRegistry.Cli.Output;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary>
/// <c>modelreg download NAME VERSION [--out DIR]</c>: fetches every artifact of the version and checks each against the
/// SHA-256 the registry recorded; a mismatch removes the partial file and fails the command.
/// </summary>
public static class DownloadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CommandBinder binder)
    {
        var version = new VersionArguments();
        var output = new Option<string?>("--out") { Description = "Folder to write into (default: the current folder)" };
        var command = version.AddTo(new Command("download", "Download a version's artifacts, verifying their SHA-256") { output });
        return binder.Bind(command, async (session, ct) =>
        {
            var (name, number) = version.Values(session);
            var directory = session.Host.ResolvePath(session.Parse.GetValue(output) ?? ".");
            var found = await version.FindAsync(session, Documents.VersionArtifacts, ct);
            var artifacts = found.GetProperty("artifacts").EnumerateArray().Select(Entry).ToList();
            Directory.CreateDirectory(directory);
            var transfer = new ArtifactTransfer(session.Http);
            var paths = await TransferProgress.RunAsync(session.Console, session.Json, artifacts, a => (a.Name, a.SizeBytes),
                (artifact, onBytes) => transfer.DownloadAsync(artifact, directory, onBytes, ct));
            if (session.Json)
            {
                session.WriteJson(new
                {
                    modelVersionId = found.GetProperty("id").GetString(),
                    number,
                    artifacts = artifacts.Select((a, i) => new { name = a.Name, sizeBytes = a.SizeBytes, sha256 = a.Sha256, path = paths[i] }),
                });
                return;
            }
            foreach (var path in paths)
                session.Console.WriteLine(path);
            if (paths.Count == 0)
                session.Console.MarkupLineInterpolated($"{name} v{number} has no artifacts.");
        });
    }

    // The name becomes a file name here: anything that could climb out of --out is refused, not cleaned up.
    private static ArtifactEntry Entry(JsonElement artifact)
    {
        var name = artifact.GetProperty("name").GetString() ?? "";
        if (name.Length == 0 || name is "." or ".." || Path.GetFileName(name) != name || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('\\'))
            throw CliFailure.Refused("UNSAFE_NAME", $"The registry listed an artifact named '{name}', which is not a plain file name; nothing was written.");
        return new ArtifactEntry(name, artifact.GetProperty("sizeBytes").GetInt64(), artifact.GetProperty("sha256").GetString() ?? "",
            artifact.GetProperty("downloadUrl").GetString() ?? throw CliFailure.Refused("NO_DOWNLOAD_URL", $"The registry gave no download URL for {name}."));
    }
}
