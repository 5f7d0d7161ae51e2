using System.Text.Json;
using ModelRegistry.Cli;
using Spectre.Console;

namespace ModelRegistry.Cli.Tests.Fixtures;

/// <summary>What one in-process run of <c>modelreg</c> printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout parsed as the single JSON document <c>--json</c> promises.</summary>
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not one JSON document ({e.Message}):\n{Stdout}\nstderr:\n{Stderr}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the CLI's real entry point in-process with its own environment, config folder and working folder, so tests
/// never read or write the user's real profile.
/// </summary>
public sealed class CliRunner : IDisposable
{
    /// <summary>A scratch folder: the working directory, and home of the config folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "modelreg-cli-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Environment variables the CLI sees; nothing of the real process leaks in.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>A runner whose XDG config home is inside <see cref="Root"/>.</summary>
    public CliRunner()
    {
        Directory.CreateDirectory(Root);
        Environment["HOME"] = Path.Combine(Root, "home");
        Environment["XDG_CONFIG_HOME"] = Path.Combine(Root, "config");
    }

    /// <summary>Where login writes the profile file under this runner's environment.</summary>
    public string ConfigPath => Path.Combine(Root, "config", "modelreg", "config.json");

    /// <summary>Writes a file in the working folder and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a file of <paramref name="size"/> pseudo-random bytes and returns its path.</summary>
    public string WriteBytes(string name, int size, int seed = 7)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Runs <c>modelreg</c> with <paramref name="args"/>.</summary>
    public Task<CliResult> RunAsync(params string[] args) => RunAsync(terminal: false, args);

    /// <summary>
    /// Runs <c>modelreg</c>; with <paramref name="terminal"/> stdout behaves as an ANSI terminal, as live displays such as
    /// progress bars need.
    /// </summary>
    public async Task<CliResult> RunAsync(bool terminal, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = 200;
        var host = new CliHost(console, stdout, stderr, name => Environment.GetValueOrDefault(name), Root);
        var code = await CliApplication.RunAsync(args, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The folder is under the temp directory; a file still held open must not fail the run.
        }
    }
}
