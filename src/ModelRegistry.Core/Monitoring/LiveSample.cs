namespace ModelRegistry.Core.Monitoring;

/// <summary>One series of a metrics answer: its bucket label (<c>le</c>, or the category) and the window's increase.</summary>
public sealed record LiveSample(string Label, double Value);

/// <summary>Live per-bin counts aligned with a baseline, or why there are none.</summary>
public sealed record LiveReading(IReadOnlyList<double>? Counts, IReadOnlyDictionary<string, double>? Categories, string? Problem)
{
    /// <summary>A reading that yields no numbers, with the reason stored on the window.</summary>
    public static LiveReading Unusable(string problem) => new(null, null, problem);
}

/// <summary>Turns a metrics answer into per-bin counts over the baseline's bins, refusing anything that would give a wrong number.</summary>
public static class LiveReadings
{
    /// <summary>Two edges match when they differ by less than this share of their size (text round-trips of <c>le</c>).</summary>
    public const double EdgeTolerance = 1e-9;

    /// <summary>
    /// Converts cumulative <c>le</c> buckets into per-bin counts over <paramref name="edges"/>. No series, any NaN or infinite value, or a zero
    /// total is "no data"; a bucket layout other than the baseline's edges plus +Inf is an edge mismatch. Negative values and
    /// dips below an earlier bucket (artifacts of <c>increase()</c> extrapolation) are clamped so every bin is ≥ 0.
    /// </summary>
    public static LiveReading FromCumulative(IReadOnlyList<LiveSample> samples, IReadOnlyList<double> edges)
    {
        if (samples.Count == 0)
            return LiveReading.Unusable("No data: the metrics source returned no series for this feature in the window.");
        var buckets = new List<(double Le, double Value)>(samples.Count);
        foreach (var sample in samples)
        {
            if (!TryParseLe(sample.Label, out var le))
                return LiveReading.Unusable($"Edge mismatch: the bucket label le=\"{sample.Label}\" is not a number.");
            if (!double.IsFinite(sample.Value))
                return LiveReading.Unusable($"No data: the bucket le=\"{sample.Label}\" is {Format([sample.Value])}.");
            buckets.Add((le, sample.Value));
        }
        buckets.Sort((a, b) => a.Le.CompareTo(b.Le));
        var live = buckets.Select(b => b.Le).ToList();
        if (!SameEdges(live, edges))
            return LiveReading.Unusable(
                $"Edge mismatch: the baseline has le=[{Format(edges)}, +Inf] but the metrics source has le=[{Format(live)}].");
        var counts = new double[buckets.Count];
        var previous = 0.0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var cumulative = Math.Max(previous, Math.Max(0, buckets[i].Value));
            counts[i] = cumulative - previous;
            previous = cumulative;
        }
        return previous > 0
            ? new LiveReading(counts, null, null)
            : LiveReading.Unusable("No data: no observations in the window.");
    }

    /// <summary>Reads per-category increases; no series, any NaN or a zero total is "no data"; negatives clamp to 0.</summary>
    public static LiveReading FromCategories(IReadOnlyList<LiveSample> samples)
    {
        if (samples.Count == 0)
            return LiveReading.Unusable("No data: the metrics source returned no series for this feature in the window.");
        var categories = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!double.IsFinite(sample.Value))
                return LiveReading.Unusable($"No data: the category \"{sample.Label}\" is {Format([sample.Value])}.");
            categories[sample.Label] = categories.GetValueOrDefault(sample.Label) + Math.Max(0, sample.Value);
        }
        return categories.Values.Sum() > 0
            ? new LiveReading(null, categories, null)
            : LiveReading.Unusable("No data: no observations in the window.");
    }

    private static bool SameEdges(List<double> live, IReadOnlyList<double> edges)
    {
        if (live.Count != edges.Count + 1 || !double.IsPositiveInfinity(live[^1]))
            return false;
        for (var i = 0; i < edges.Count; i++)
            if (Math.Abs(live[i] - edges[i]) > EdgeTolerance * Math.Max(1, Math.Abs(edges[i])))
                return false;
        return true;
    }

    private static bool TryParseLe(string label, out double le)
    {
        if (label is "+Inf" or "Inf" or "inf" or "+inf")
        {
            le = double.PositiveInfinity;
            return true;
        }
        return double.TryParse(label, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out le)
               && !double.IsNaN(le);
    }

    private static string Format(IEnumerable<double> edges)
        => string.Join(", ", edges.Select(e => e switch
        {
            double.PositiveInfinity => "+Inf",
            double.NegativeInfinity => "-Inf",
            _ => e.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        }));
}
