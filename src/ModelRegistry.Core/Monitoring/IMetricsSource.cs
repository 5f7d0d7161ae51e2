namespace ModelRegistry.Core.Monitoring;

/// <summary>What to read for one window of one deployment: every listed feature of one kind (histograms or categories).</summary>
public sealed record MetricsQuery(
    string BaseUrl, string Selector, string Metric, IReadOnlyList<string> Features, bool Categorical, string Window, DateTime At);

/// <summary>Reads a window's per-bucket increases of features from a metrics backend (Prometheus).</summary>
public interface IMetricsSource
{
    /// <summary>
    /// The window's increase per bucket label, per feature; a feature without matching series maps to an empty list. Throws
    /// <see cref="MetricsUnavailableException"/> when the backend cannot answer, so the job is retried.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<LiveSample>>> ReadAsync(MetricsQuery query, CancellationToken cancellationToken);
}

/// <summary>The metrics backend was unreachable or refused the query; the caller retries later.</summary>
public sealed class MetricsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
