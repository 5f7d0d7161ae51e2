using System.Text.Json;

namespace ModelRegistry.Cli.Configuration;

/// <summary>
/// Reads and writes the profile file. It holds API keys, so it is created readable by its owner only (mode 600) in a
/// folder only its owner can enter (700), and replaced atomically so a crash never leaves half a file.
/// </summary>
public sealed class ProfileStore(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file's full path.</summary>
    public string Path { get; } = path;

    /// <summary>The saved profiles; empty when the file does not exist yet.</summary>
    public ConfigFile Load()
    {
        if (!File.Exists(Path))
            return new ConfigFile();
        try
        {
            using var stream = File.OpenRead(Path);
            var file = JsonSerializer.Deserialize<ConfigFile>(stream, Json) ?? new ConfigFile();
            return new ConfigFile { Profiles = new Dictionary<string, Profile>(file.Profiles, StringComparer.Ordinal) };
        }
        catch (JsonException e)
        {
            throw CliFailure.Usage($"The profile file {Path} is not valid JSON ({e.Message}); fix it or delete it and log in again.");
        }
    }

    /// <summary>Saves <paramref name="profile"/> under <paramref name="name"/>, keeping the other profiles.</summary>
    public void Save(string name, Profile profile)
    {
        var file = Load();
        file.Profiles[name] = profile;
        Write(file);
    }

    private void Write(ConfigFile file)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var ownerOnly = !OperatingSystem.IsWindows();
        if (ownerOnly)
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else
            Directory.CreateDirectory(directory);

        var temporary = Path + ".tmp-" + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Created with mode 600 from the first byte: a chmod after writing would leave a window where the key is readable.
        if (ownerOnly)
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
                JsonSerializer.Serialize(stream, file, Json);
            File.Move(temporary, Path, overwrite: true);
            if (ownerOnly)
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
