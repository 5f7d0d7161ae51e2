using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Monitoring;

/// <summary>
/// Which hosts a monitoring binding may send the registry's Prometheus queries to. The registry itself makes those
/// requests, every few minutes, from inside the network, so an open URL would let a DEPLOYER probe internal addresses
/// (SSRF). With no list configured only loopback is allowed; with a list, exactly its hosts (by name, any port).
/// </summary>
public sealed class PrometheusHostPolicy
{
    /// <summary>The configuration key of the list, as operators write it.</summary>
    public const string Setting = "Registry:Monitoring:AllowedPrometheusHosts";

    private readonly HashSet<string> _hosts;

    /// <summary>A policy allowing <paramref name="hosts"/> (host names or IP addresses), or loopback only when there are none.</summary>
    public PrometheusHostPolicy(IEnumerable<string>? hosts)
        => _hosts = new HashSet<string>((hosts ?? []).Select(Normalise).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the registry may query <paramref name="url"/>.</summary>
    public bool Allows(Uri url) => _hosts.Count == 0 ? url.IsLoopback : _hosts.Contains(Normalise(url.Host));

    /// <summary>Null when <paramref name="prometheusUrl"/> may be queried; otherwise VALIDATION_FAILED on <c>prometheusUrl</c>.</summary>
    public DomainError? Check(string prometheusUrl)
    {
        if (Uri.TryCreate(prometheusUrl, UriKind.Absolute, out var url) && Allows(url))
            return null;
        var allowed = _hosts.Count == 0 ? "only loopback (no hosts are configured)" : string.Join(", ", _hosts.Order(StringComparer.Ordinal));
        return DomainError.Invalid(
            $"'prometheusUrl' must point at an allowed Prometheus host: {allowed}. An administrator adds hosts with {Setting}.", "prometheusUrl");
    }

    // Host names compare without case; IPv6 literals with or without brackets.
    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').ToLowerInvariant();
}
