using System.CommandLine;
using System.CommandLine.Help;
using System.Text.Json;
using ModelRegistry.Cli.Commands;

namespace ModelRegistry.Cli;

/// <summary>
/// The <c>modelreg</c> entry point: parses the command line, runs the command, and turns every failure into one line on
/// stderr and an exit code from <see cref="ExitCodes"/>. Never lets a stack trace reach the terminal.
/// </summary>
public static class CliApplication
{
    /// <summary>The exit code of a run interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Builds the command tree for <paramref name="host"/>.</summary>
    public static Command BuildRoot(CliHost host)
    {
        var json = GlobalOptions.Json();
        var profile = GlobalOptions.Profile();
        var binder = new CommandBinder(host, json, profile);
        // A named command rather than RootCommand, whose name is the host executable's (testhost, dotnet) and not the tool's.
        var root = new Command("modelreg", "Register, upload, promote and fetch models in the Model Registry.")
        {
            json, profile, new HelpOption(), new VersionOption(),
        };
        root.Subcommands.Add(LoginCommand.Create(binder));
        root.Subcommands.Add(ModelsCommand.Create(binder));
        root.Subcommands.Add(PushCommand.Create(binder));
        root.Subcommands.Add(PromoteCommand.Create(binder));
        root.Subcommands.Add(DownloadCommand.Create(binder));
        root.Subcommands.Add(LineageCommand.Create(binder));
        root.Subcommands.Add(AuditCommand.Create(binder));
        return root;
    }

    /// <summary>Runs <c>modelreg</c> with <paramref name="args"/> and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var root = BuildRoot(host);
        var parse = root.Parse(args);
        var json = parse.GetValue<bool>("--json");
        if (parse.Errors.Count > 0)
        {
            var command = string.Join(' ', CommandPath(parse));
            var hint = $"Run 'modelreg {(command.Length == 0 ? "" : command + " ")}--help' for usage.";
            return Fail(host, json, CliFailure.Usage(string.Join(" ", parse.Errors.Select(e => e.Message)) + " " + hint));
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = host.Out,
                Error = host.Error,
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (CliFailure failure)
        {
            return Fail(host, json, failure);
        }
        catch (OperationCanceledException)
        {
            host.Error.WriteLine("error: CANCELLED: interrupted before the command finished.");
            return Interrupted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A fault of the client itself still ends in one line; the type name is what a bug report needs.
            return Fail(host, json, new CliFailure(ExitCodes.Usage, "INTERNAL", $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Push(result.Command.Name);
        return names;
    }

    private static int Fail(CliHost host, bool json, CliFailure failure)
    {
        host.Error.WriteLine($"error: {failure.Code}: {failure.Message}");
        if (json)
            host.Out.WriteLine(JsonSerializer.Serialize(new
            {
                error = new { code = failure.Code, message = failure.Message, exitCode = failure.ExitCode },
            }, CommandSession.JsonOutput));
        host.Out.Flush();
        host.Error.Flush();
        return failure.ExitCode;
    }
}
