using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Infrastructure.Monitoring;

/// <summary>
/// Reads feature histograms from Prometheus's HTTP API with an instant query at the window end:
/// <c>sum by (le) (increase(&lt;metric&gt;_bucket{&lt;selector&gt;,feature="&lt;f&gt;"}[&lt;window&gt;]))</c>, or
/// <c>sum by (category) (increase(&lt;metric&gt;_category_total{…}[…]))</c> for a categorical feature.
/// </summary>
public sealed class PrometheusMetricsSource(HttpClient http) : IMetricsSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<LiveSample>> ReadAsync(MetricsQuery query, CancellationToken cancellationToken)
    {
        var url = QueryUrl(query);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new MetricsUnavailableException($"Prometheus at {query.BaseUrl} is unreachable: {e.Message}", e);
        }
        using (response)
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            }
            catch (JsonException e)
            {
                throw new MetricsUnavailableException(
                    $"Prometheus at {query.BaseUrl} answered HTTP {(int)response.StatusCode} with a body that is not JSON.", e);
            }
            using (document)
                return Parse(document.RootElement, query.Categorical ? "category" : "le", query.BaseUrl, (int)response.StatusCode);
        }
    }

    /// <summary>The instant-query URL for <paramref name="query"/>.</summary>
    public static string QueryUrl(MetricsQuery query)
    {
        var time = (query.At - DateTime.UnixEpoch).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return $"{query.BaseUrl.TrimEnd('/')}/api/v1/query?query={Uri.EscapeDataString(PromQl(query))}&time={time}";
    }

    /// <summary>The PromQL expression for <paramref name="query"/>.</summary>
    public static string PromQl(MetricsQuery query)
    {
        var matchers = new StringBuilder(query.Selector.Trim().TrimEnd(','));
        if (matchers.Length > 0)
            matchers.Append(',');
        matchers.Append("feature=\"").Append(Escape(query.Feature)).Append('"');
        return query.Categorical
            ? $"sum by (category) (increase({query.Metric}_category_total{{{matchers}}}[{query.Window}]))"
            : $"sum by (le) (increase({query.Metric}_bucket{{{matchers}}}[{query.Window}]))";
    }

    /// <summary>
    /// Reads an instant-vector answer: one sample per series, labelled by <paramref name="label"/>. A non-success status is
    /// a <see cref="MetricsUnavailableException"/> (retried); an empty vector is an empty list (no data).
    /// </summary>
    public static IReadOnlyList<LiveSample> Parse(JsonElement root, string label, string baseUrl, int httpStatus)
    {
        var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status != "success")
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            throw new MetricsUnavailableException($"Prometheus at {baseUrl} refused the query (HTTP {httpStatus}): {error ?? "no error message"}");
        }
        if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var type) || type.GetString() != "vector"
            || !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            throw new MetricsUnavailableException($"Prometheus at {baseUrl} did not answer with an instant vector.");
        var samples = new List<LiveSample>(result.GetArrayLength());
        foreach (var series in result.EnumerateArray())
        {
            var name = series.TryGetProperty("metric", out var metric) && metric.TryGetProperty(label, out var l) ? l.GetString() : null;
            if (name is null || !series.TryGetProperty("value", out var pair) || pair.GetArrayLength() != 2)
                continue;
            samples.Add(new LiveSample(name, ParseValue(pair[1].GetString())));
        }
        return samples;
    }

    // Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf".
    private static double ParseValue(string? text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        null => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
    };

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
