namespace ModelRegistry.Core.Monitoring;

/// <summary>The four drift statistics of one feature; a null statistic does not apply (e.g. KS on categories).</summary>
public sealed record DriftMeasures(double Psi, double JensenShannon, double? Ks, double? Wasserstein);

/// <summary>
/// Pure drift statistics over histograms that share their bins. Inputs are per-bin counts (not cumulative); numeric
/// histograms use Prometheus-style upper edges, with one more count than edges for the +Inf bin.
/// </summary>
public static class DriftStatistics
{
    /// <summary>
    /// The share that stands in for an empty bin in PSI. PSI divides by and takes the log of each share, so an empty bin on
    /// either side would make it infinite; 1e-4 keeps one empty bin worth at most about 0.001 × ln-ratio, and two empty bins cancel.
    /// </summary>
    public const double EmptyBinShare = 1e-4;

    /// <summary>Computes every statistic of a numeric feature; null when either side has no observations.</summary>
    public static DriftMeasures? Numeric(IReadOnlyList<double> edges, IReadOnlyList<double> baseline, IReadOnlyList<double> live)
    {
        if (baseline.Count != edges.Count + 1 || live.Count != baseline.Count)
            throw new ArgumentException("Counts must have one entry per edge plus the +Inf bin, on both sides.");
        var p = Shares(baseline);
        var q = Shares(live);
        if (p is null || q is null)
            return null;
        return new DriftMeasures(Psi(p, q), JensenShannon(p, q), Ks(p, q), Wasserstein(edges, p, q));
    }

    /// <summary>Computes PSI and Jensen–Shannon over the union of categories; KS and Wasserstein need an order and stay null.</summary>
    public static DriftMeasures? Categorical(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> live)
    {
        var categories = baseline.Keys.Union(live.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var p = Shares(categories.Select(c => baseline.GetValueOrDefault(c)).ToList());
        var q = Shares(categories.Select(c => live.GetValueOrDefault(c)).ToList());
        return p is null || q is null ? null : new DriftMeasures(Psi(p, q), JensenShannon(p, q), null, null);
    }

    /// <summary>Each count's share of the total; null when the total is zero (no data).</summary>
    public static double[]? Shares(IReadOnlyList<double> counts)
    {
        var total = counts.Sum();
        return total > 0 ? counts.Select(c => c / total).ToArray() : null;
    }

    /// <summary>Population stability index Σ (q − p)·ln(q / p), with <see cref="EmptyBinShare"/> standing in for empty shares.</summary>
    public static double Psi(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var psi = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var a = Math.Max(p[i], EmptyBinShare);
            var b = Math.Max(q[i], EmptyBinShare);
            psi += (b - a) * Math.Log(b / a);
        }
        return psi;
    }

    /// <summary>
    /// Jensen–Shannon distance: the square root of the JS divergence in bits, so it lies in [0, 1]. Needs no smoothing:
    /// the mixture is positive wherever either side is, and empty bins contribute 0·log 0 = 0.
    /// </summary>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var divergence = 0.0;
        for (var i = 0; i < p.Count; i++)
        {
            var m = (p[i] + q[i]) / 2;
            if (p[i] > 0)
                divergence += p[i] / 2 * Math.Log2(p[i] / m);
            if (q[i] > 0)
                divergence += q[i] / 2 * Math.Log2(q[i] / m);
        }
        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    /// <summary>Kolmogorov–Smirnov statistic: the largest gap between the two CDFs, read at the bucket edges.</summary>
    public static double Ks(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        double cp = 0, cq = 0, ks = 0;
        for (var i = 0; i < p.Count; i++)
        {
            cp += p[i];
            cq += q[i];
            ks = Math.Max(ks, Math.Abs(cp - cq));
        }
        return Math.Min(ks, 1);
    }

    /// <summary>
    /// Wasserstein-1 (earth mover's) distance divided by the baseline's standard deviation; null with fewer than two edges
    /// or a baseline without spread. Each bin's mass sits at its upper edge; the first bin (−∞, e₀] therefore sits at e₀
    /// and the +Inf bin is placed at the last finite edge, so W₁ = Σᵢ |Fᵢ − Gᵢ|·(eᵢ₊₁ − eᵢ) over consecutive finite edges.
    /// </summary>
    public static double? Wasserstein(IReadOnlyList<double> edges, IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        if (edges.Count < 2)
            return null;
        double cp = 0, cq = 0, distance = 0;
        for (var i = 0; i < edges.Count - 1; i++)
        {
            cp += p[i];
            cq += q[i];
            distance += Math.Abs(cp - cq) * (edges[i + 1] - edges[i]);
        }
        var spread = Spread(edges, p);
        return spread > 0 ? distance / spread : null;
    }

    /// <summary>The baseline's standard deviation with each bin's mass at its upper edge (the +Inf bin at the last edge).</summary>
    public static double Spread(IReadOnlyList<double> edges, IReadOnlyList<double> p)
    {
        double Position(int i) => edges[Math.Min(i, edges.Count - 1)];
        var mean = 0.0;
        for (var i = 0; i < p.Count; i++)
            mean += p[i] * Position(i);
        var variance = 0.0;
        for (var i = 0; i < p.Count; i++)
            variance += p[i] * (Position(i) - mean) * (Position(i) - mean);
        return Math.Sqrt(variance);
    }
}
