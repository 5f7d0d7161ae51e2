namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>The configuration keys the design documents, as environment variable names.</summary>
public static class ConfigurationContract
{
    /// <summary>Every documented <c>Registry__*</c> and <c>ConnectionStrings__*</c> key; the single list the deployment tests check against.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "Registry__DataDirectory",
        "Registry__Database__Provider",
        "ConnectionStrings__Registry",
        "Registry__Jobs__Storage",
        "Registry__Artifacts__Provider",
        "Registry__Artifacts__ConnectionString",
        "Registry__Artifacts__Container",
        "Registry__Auth__BootstrapAdminKey",
        "Registry__Auth__BootstrapAdminKeyFile",
        "Registry__Monitoring__AllowedPrometheusHosts__0",
        "Registry__Seed",
        "Registry__Audit__AnchorKeyPath",
        "Registry__Audit__AnchorPath",
        "Registry__Artifacts__SigningKey",
        "Registry__Reports__SigningKeyPath",
        "Registry__Metrics__Enabled",
        "Registry__Metrics__ScrapeKey",
        "Registry__Metrics__ScrapeKeyFile",
        "Registry__Metrics__Port",
    };

    /// <summary>True for a key in the namespaces the registry owns, whose names the contract governs.</summary>
    public static bool IsGoverned(string key) =>
        key.StartsWith("Registry__", StringComparison.Ordinal)
        || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal);

    /// <summary>The port of each address in an ASP.NET Core URL list such as <c>http://+:8080;http://localhost:5000</c>.</summary>
    public static IReadOnlyList<int> PortsOf(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PortOf)
            .ToList();

    private static int PortOf(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var authority = url[(schemeEnd + 3)..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.EndsWith(']'))
        {
            return url.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        }

        return int.Parse(authority[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
