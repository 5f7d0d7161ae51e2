namespace ModelRegistry.Api.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c> (<c>Registry:Metrics:*</c>). The metrics carry operation names and counts, so they are
/// never open to anonymous callers: a global ADMIN may read them, and so may a scraper sending the configured scrape key
/// as <c>Authorization: Bearer</c>. With <see cref="Port"/> set they are served only on that port, without credentials,
/// for deployments that keep the port on a network only the scraper reaches; the main port then answers 404.
/// </summary>
public sealed record MetricsSettings(bool Enabled, string? ScrapeKey, int? Port)
{
    /// <summary>The path of the scrape endpoint.</summary>
    public const string Path = "/metrics";

    /// <summary>Reads <c>Registry:Metrics:Enabled</c>, <c>ScrapeKey</c> (or <c>ScrapeKeyFile</c>) and <c>Port</c>.</summary>
    /// <exception cref="InvalidOperationException">A named key file is missing or empty, or the port is out of range.</exception>
    public static MetricsSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Registry:Metrics");
        var key = section["ScrapeKey"];
        if (section["ScrapeKeyFile"] is { Length: > 0 } file)
        {
            if (!File.Exists(file) || File.ReadAllText(file).Trim() is not { Length: > 0 } read)
                throw new InvalidOperationException($"Registry:Metrics:ScrapeKeyFile names '{file}', which is missing or empty.");
            key = read;
        }
        var port = section.GetValue<int?>("Port");
        if (port is < 1 or > 65535)
            throw new InvalidOperationException($"Registry:Metrics:Port must be a TCP port (1-65535), not {port}.");
        return new MetricsSettings(section.GetValue("Enabled", true), string.IsNullOrWhiteSpace(key) ? null : key.Trim(), port);
    }
}
