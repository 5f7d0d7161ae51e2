namespace ModelRegistry.Cli.Configuration;

/// <summary>
/// The registry a command talks to. MODELREG_URL and MODELREG_API_KEY win over the saved profile, so a CI job can run
/// without logging in; the profile is <c>--profile</c>, else MODELREG_PROFILE, else <c>default</c>.
/// </summary>
public sealed record RegistryConnection(Uri BaseUrl, string? ApiKey)
{
    /// <summary>The environment variable that overrides the profile's URL.</summary>
    public const string UrlVariable = "MODELREG_URL";

    /// <summary>The environment variable that overrides the profile's API key.</summary>
    public const string ApiKeyVariable = "MODELREG_API_KEY";

    /// <summary>The environment variable that picks a profile when <c>--profile</c> is not given.</summary>
    public const string ProfileVariable = "MODELREG_PROFILE";

    /// <summary>The profile used when none is named.</summary>
    public const string DefaultProfile = "default";

    /// <summary>The profile name in force for this run.</summary>
    public static string ProfileName(string? option, Func<string, string?> environment)
    {
        var name = string.IsNullOrWhiteSpace(option) ? environment(ProfileVariable) : option;
        return string.IsNullOrWhiteSpace(name) ? DefaultProfile : name.Trim();
    }

    /// <summary>Works out the connection from the environment and the profile file.</summary>
    public static RegistryConnection Resolve(string? profileOption, CliHost host)
    {
        var name = ProfileName(profileOption, host.Environment);
        var url = host.Environment(UrlVariable);
        var key = host.Environment(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(key))
        {
            var store = new ProfileStore(ConfigLocation.Resolve(host.Environment, OperatingSystem.IsWindows()));
            if (store.Load().Profiles.TryGetValue(name, out var profile))
            {
                url = string.IsNullOrWhiteSpace(url) ? profile.Url : url;
                key = string.IsNullOrWhiteSpace(key) ? profile.ApiKey : key;
            }
        }
        if (string.IsNullOrWhiteSpace(url))
            throw CliFailure.Usage(
                $"No registry for profile '{name}': run 'modelreg login --url URL --api-key KEY' or set {UrlVariable} and {ApiKeyVariable}.");
        return new RegistryConnection(ParseUrl(url), string.IsNullOrWhiteSpace(key) ? null : key);
    }

    /// <summary>Checks that <paramref name="url"/> is an absolute http(s) URL and gives it a trailing slash for resolving paths.</summary>
    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw CliFailure.Usage($"'{url}' is not an http or https URL.");
        var text = uri.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>
    /// A registry path or a URL the registry handed out (root-relative or absolute) as an absolute URL. Root-relative
    /// paths keep the base URL's path prefix, so a registry served under /registry/ still works.
    /// </summary>
    public Uri Resolve(string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
            return absolute;
        return new Uri(BaseUrl, pathOrUrl.TrimStart('/'));
    }

    /// <summary>Whether <paramref name="url"/> points at the registry itself, so sending the API key there is safe.</summary>
    public bool IsRegistryOrigin(Uri url) => Uri.Compare(url, BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
