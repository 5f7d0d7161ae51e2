using System.CommandLine;

namespace ModelRegistry.Cli.Commands;

/// <summary>The <c>NAME VERSION</c> pair that names one model version on the command line.</summary>
public sealed class VersionArguments
{
    /// <summary>The model's name.</summary>
    public Argument<string> Name { get; } = new("NAME") { Description = "The model's name" };

    /// <summary>The version number (a leading 'v' is allowed: v3).</summary>
    public Argument<int> Number { get; } = new("VERSION")
    {
        Description = "The version number, e.g. 3 or v3",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            var digits = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
            if (int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
                return number;
            result.AddError($"VERSION '{text}' is not a version number such as 3 or v3.");
            return 0;
        },
    };

    /// <summary>The model name and version number given on the command line.</summary>
    public (string Name, int Number) Values(CommandSession session) => (session.Parse.GetValue(Name)!, session.Parse.GetValue(Number));

    /// <summary>The version, read with <paramref name="document"/>; NOT_FOUND (exit 2) when the model or version does not exist.</summary>
    public Task<System.Text.Json.JsonElement> FindAsync(CommandSession session, string document, CancellationToken ct)
    {
        var (name, number) = Values(session);
        return Registry.ModelLookup.VersionAsync(session.GraphQL, document, name, number, ct);
    }

    /// <summary>Adds both arguments to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Arguments.Add(Name);
        command.Arguments.Add(Number);
        return command;
    }
}
