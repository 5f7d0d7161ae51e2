namespace ModelRegistry.Core.Monitoring;

/// <summary>What to read for one feature of one window.</summary>
public sealed record MetricsQuery(string BaseUrl, string Selector, string Metric, string Feature, bool Categorical, string Window, DateTime At);

/// <summary>Reads a window's per-bucket increases of a feature from a metrics backend (Prometheus).</summary>
public interface IMetricsSource
{
    /// <summary>
    /// The window's increase per bucket label; empty when the backend has no matching series. Throws
    /// <see cref="MetricsUnavailableException"/> when the backend cannot answer, so the job is retried.
    /// </summary>
    Task<IReadOnlyList<LiveSample>> ReadAsync(MetricsQuery query, CancellationToken cancellationToken);
}

/// <summary>The metrics backend was unreachable or refused the query; the caller retries later.</summary>
public sealed class MetricsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
