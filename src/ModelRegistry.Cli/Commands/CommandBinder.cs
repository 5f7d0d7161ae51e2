using System.CommandLine;

namespace ModelRegistry.Cli.Commands;

/// <summary>The body of a command: it succeeds by returning and fails by throwing a <see cref="CliFailure"/>.</summary>
public delegate Task CommandBody(CommandSession session, CancellationToken ct);

/// <summary>Attaches command bodies to System.CommandLine commands, giving each run a <see cref="CommandSession"/>.</summary>
public sealed class CommandBinder(CliHost host, Option<bool> json, Option<string?> profile)
{
    /// <summary>The host commands run in.</summary>
    public CliHost Host { get; } = host;

    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>; returns the command.</summary>
    public Command Bind(Command command, CommandBody body)
    {
        command.SetAction(async (parse, ct) =>
        {
            using var session = new CommandSession(Host, parse, json, profile);
            await body(session, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
