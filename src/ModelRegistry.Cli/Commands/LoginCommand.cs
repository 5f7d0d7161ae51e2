using System.CommandLine;
using System.Text.Json;
using ModelRegistry.Cli.Configuration;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary><c>modelreg login</c>: checks an API key against the registry with a <c>me</c> query, then saves it as a profile.</summary>
public static class LoginCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CommandBinder binder)
    {
        var url = new Option<string?>("--url") { Description = $"Registry base URL, e.g. http://localhost:5000 (default: {RegistryConnection.UrlVariable})" };
        var apiKey = new Option<string?>("--api-key") { Description = $"API key to save (default: {RegistryConnection.ApiKeyVariable})" };
        var command = new Command("login", "Verify an API key and save it as a profile (file mode 600)") { url, apiKey };
        return binder.Bind(command, (session, ct) => RunAsync(session, session.Parse.GetValue(url), session.Parse.GetValue(apiKey), ct));
    }

    private static async Task RunAsync(CommandSession session, string? urlOption, string? keyOption, CancellationToken ct)
    {
        var host = session.Host;
        var urlText = FirstSet(urlOption, host.Environment(RegistryConnection.UrlVariable))
                      ?? throw CliFailure.Usage($"Give the registry with --url (or set {RegistryConnection.UrlVariable}).");
        var key = FirstSet(keyOption, host.Environment(RegistryConnection.ApiKeyVariable))
                  ?? throw CliFailure.Usage($"Give the API key with --api-key (or set {RegistryConnection.ApiKeyVariable}).");
        var connection = new RegistryConnection(RegistryConnection.ParseUrl(urlText), key);

        using var http = new RegistryHttp(connection);
        var data = await new GraphQLClient(http).ExecuteAsync(Documents.Me, null, ct);
        var me = data.GetProperty("me");
        if (me.ValueKind != JsonValueKind.Object)
            throw CliFailure.Refused("UNAUTHENTICATED", "The registry did not accept the API key.");

        var name = RegistryConnection.ProfileName(session.ProfileOption, host.Environment);
        var store = new ProfileStore(ConfigLocation.Resolve(host.Environment, OperatingSystem.IsWindows()));
        store.Save(name, new Configuration.Profile(connection.BaseUrl.ToString(), key));

        var principal = me.GetProperty("name").GetString()!;
        var kind = me.GetProperty("kind").GetString()!;
        if (session.Json)
        {
            session.WriteJson(new { profile = name, url = connection.BaseUrl.ToString(), principal, kind, configPath = store.Path });
            return;
        }
        session.Console.MarkupLineInterpolated($"Logged in to [bold]{connection.BaseUrl}[/] as [bold]{principal}[/] ({kind}).");
        session.Console.MarkupLineInterpolated($"Profile [bold]{name}[/] saved in {store.Path}.");
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
