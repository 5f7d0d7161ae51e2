using System.Text;

namespace ModelRegistry.Core.Common;

/// <summary>
/// A key file that replicas share and the first of them creates. Creation is exclusive (create-new), so a replica that
/// loses the race keeps the winner's key rather than replacing one the others already read. The winner writes the key and
/// its closing newline in one call; until the newline is there the file is still being written, so a loser reading it
/// waits for the rest instead of loading a truncated key. (A rename into place would not do: without overwrite it is a
/// check then a rename, which two replicas can both pass.)
/// </summary>
public static class SharedKeyFile
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The text of <paramref name="path"/>, created (readable by its owner only) from <paramref name="create"/> when absent;
    /// what <paramref name="create"/> returns must end with a newline.
    /// </summary>
    public static string ReadOrCreate(string path, Func<string> create)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(create()));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another replica created it first; use theirs, so that all hold one key.
            }
        }
        return ReadComplete(path);
    }

    private static string ReadComplete(string path)
    {
        var giveUp = DateTime.UtcNow + Fresh;
        while (true)
        {
            var text = File.ReadAllText(path);
            // A key file an operator wrote without a final newline is old, or stays as it is: take it as it stands.
            if (text.EndsWith('\n') || DateTime.UtcNow > giveUp || File.GetLastWriteTimeUtc(path) < DateTime.UtcNow - Fresh)
                return text;
            Thread.Sleep(10);
        }
    }
}
