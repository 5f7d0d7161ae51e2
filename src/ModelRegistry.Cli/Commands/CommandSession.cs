using System.CommandLine;
using System.Text.Json;
using ModelRegistry.Cli.Configuration;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary>One invocation of a command: its host, its parse result, the global options, and a lazily opened registry.</summary>
public sealed class CommandSession(CliHost host, ParseResult parse, Option<bool> json, Option<string?> profile) : IDisposable
{
    /// <summary>How <c>--json</c> documents are written: camelCase, indented, and without HTML escaping of quotes.</summary>
    public static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private RegistryHttp? _http;

    /// <summary>The host the command runs in.</summary>
    public CliHost Host { get; } = host;

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json => Parse.GetValue(json);

    /// <summary>The <c>--profile</c> value, if any.</summary>
    public string? ProfileOption => Parse.GetValue(profile);

    /// <summary>Human output.</summary>
    public IAnsiConsole Console => Host.Console;

    /// <summary>The HTTP client for the registry in force (environment, then profile).</summary>
    public RegistryHttp Http => _http ??= new RegistryHttp(RegistryConnection.Resolve(ProfileOption, Host));

    /// <summary>GraphQL over <see cref="Http"/>.</summary>
    public GraphQLClient GraphQL => new(Http);

    /// <summary>Writes <paramref name="document"/> as indented JSON on raw stdout.</summary>
    public void WriteJson(object document)
    {
        Host.Out.WriteLine(JsonSerializer.Serialize(document, JsonOutput));
        Host.Out.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _http?.Dispose();
}
