using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Infrastructure.Monitoring;

/// <summary>
/// Reads feature histograms from Prometheus's HTTP API with one instant query per deployment at the window end:
/// <c>sum by (feature, le) (increase(&lt;metric&gt;_bucket{&lt;selector&gt;,feature=~"f1|f2|…"}[&lt;window&gt;]))</c>, or
/// <c>sum by (feature, category) (increase(&lt;metric&gt;_category_total{…}[…]))</c> for categorical features. One round trip
/// for all features of a deployment instead of one per feature keeps a sweep over thousands of deployments cheap.
/// </summary>
public sealed class PrometheusMetricsSource(HttpClient http) : IMetricsSource
{
    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<LiveSample>>> ReadAsync(MetricsQuery query, CancellationToken cancellationToken)
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
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                return Parse(body, query.Features, query.Categorical ? "category" : "le", query.BaseUrl, (int)response.StatusCode);
            }
            catch (JsonException e)
            {
                throw new MetricsUnavailableException(
                    $"Prometheus at {query.BaseUrl} answered HTTP {(int)response.StatusCode} with a body that is not a query result.", e);
            }
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
        // Regex matchers are anchored by Prometheus, so "a|b" selects exactly the features a and b.
        matchers.Append("feature=~\"").Append(Escape(string.Join('|', query.Features.Select(RegexLiteral)))).Append('"');
        return query.Categorical
            ? $"sum by (feature, category) (increase({query.Metric}_category_total{{{matchers}}}[{query.Window}]))"
            : $"sum by (feature, le) (increase({query.Metric}_bucket{{{matchers}}}[{query.Window}]))";
    }

    /// <summary>
    /// Reads an instant-vector answer: one sample per series, grouped by its <c>feature</c> label and named by
    /// <paramref name="label"/>. A non-success status is a <see cref="MetricsUnavailableException"/> (retried); a feature
    /// without series gets an empty list (no data). Streams over the bytes rather than building a document: a sweep reads
    /// thousands of these answers.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LiveSample>> Parse(
        ReadOnlySpan<byte> json, IReadOnlyList<string> features, string label, string baseUrl, int httpStatus)
    {
        var samples = features.ToDictionary(f => f, _ => new List<LiveSample>(), StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json);
        string? status = null, error = null, resultType = null;
        var sawResult = false;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
                status = NextString(ref reader);
            else if (reader.ValueTextEquals("error"u8))
                error = NextString(ref reader);
            else if (reader.ValueTextEquals("data"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("resultType"u8))
                        resultType = NextString(ref reader);
                    else if (reader.ValueTextEquals("result"u8))
                    {
                        Expect(ref reader, JsonTokenType.StartArray);
                        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                            ReadSeries(ref reader, label, samples);
                        sawResult = true;
                    }
                    else
                        SkipValue(ref reader);
                }
            }
            else
                SkipValue(ref reader);
        }
        if (status != "success")
            throw new MetricsUnavailableException($"Prometheus at {baseUrl} refused the query (HTTP {httpStatus}): {error ?? "no error message"}");
        if (resultType != "vector" || !sawResult)
            throw new MetricsUnavailableException($"Prometheus at {baseUrl} did not answer with an instant vector.");
        return samples.ToDictionary(p => p.Key, p => (IReadOnlyList<LiveSample>)p.Value, StringComparer.Ordinal);
    }

    private static void ReadSeries(ref Utf8JsonReader reader, string label, Dictionary<string, List<LiveSample>> samples)
    {
        string? name = null, feature = null;
        var value = double.NaN;
        var hasValue = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metric"u8))
            {
                Expect(ref reader, JsonTokenType.StartObject);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("feature"u8))
                        feature = NextString(ref reader);
                    else if (reader.ValueTextEquals(label))
                        name = NextString(ref reader);
                    else
                        SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                Expect(ref reader, JsonTokenType.StartArray);
                reader.Read();
                reader.Skip();
                reader.Read();
                value = reader.TokenType == JsonTokenType.String ? ParseValue(reader.ValueSpan) : double.NaN;
                hasValue = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    reader.Skip();
            }
            else
                SkipValue(ref reader);
        }
        if (name is not null && feature is not null && hasValue && samples.TryGetValue(feature, out var list))
            list.Add(new LiveSample(name, value));
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new JsonException($"Expected {type} at byte {reader.TokenStartIndex}.");
    }

    private static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString();
        reader.Skip();
        return null;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    // Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf".
    private static double ParseValue(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("+Inf"u8) || text.SequenceEqual("Inf"u8))
            return double.PositiveInfinity;
        if (text.SequenceEqual("-Inf"u8))
            return double.NegativeInfinity;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
    }

    // RE2 (Prometheus's regex engine) takes a backslash before any punctuation as a literal; only the metacharacters need it.
    private static string RegexLiteral(string value)
    {
        var literal = new StringBuilder(value.Length);
        foreach (var c in value)
            literal.Append(@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal) ? "\\" + c : c.ToString());
        return literal.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
