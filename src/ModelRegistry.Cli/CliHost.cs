using Spectre.Console;

namespace ModelRegistry.Cli;

/// <summary>
/// What a command run touches outside itself: the terminal, the environment and the working folder. Tests pass their own
/// to run the CLI in-process and read what it printed.
/// </summary>
/// <param name="Console">Human output on stdout: tables, trees, progress bars.</param>
/// <param name="Out">Raw stdout, for <c>--json</c> documents that must not be wrapped or styled.</param>
/// <param name="Error">stderr, for one-line errors.</param>
/// <param name="Environment">Reads an environment variable; null when unset.</param>
/// <param name="WorkingDirectory">Where relative paths on the command line are resolved.</param>
public sealed record CliHost(IAnsiConsole Console, TextWriter Out, TextWriter Error, Func<string, string?> Environment, string WorkingDirectory)
{
    /// <summary>The real process: its console, its environment variables and its current directory.</summary>
    public static CliHost FromProcess()
    {
        var stdout = System.Console.Out;
        return new CliHost(AnsiConsole.Console, stdout, System.Console.Error, System.Environment.GetEnvironmentVariable,
            System.Environment.CurrentDirectory);
    }

    /// <summary>Resolves a path given on the command line against <see cref="WorkingDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
