using System.Globalization;
using System.Text;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Bench.Drift;

/// <summary>
/// Deterministic synthetic histograms: per feature a baseline over 10 edges, and a fixed pool of live answers per feature
/// (some close to the baseline, some shifted), pre-rendered as Prometheus instant-vector JSON.
/// </summary>
public sealed class SyntheticHistograms
{
    /// <summary>Distinct live answers per feature; deployments pick one by their number.</summary>
    public const int Variants = 16;

    private static readonly double[] Edges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    private readonly Random _random;
    private readonly Dictionary<string, byte[][]> _answers = new(StringComparer.Ordinal);

    /// <summary>Builds the pool.</summary>
    public SyntheticHistograms(int seed) => _random = new Random(seed);

    /// <summary>The baseline of feature <paramref name="index"/>, creating its live pool on first use.</summary>
    public FeatureBaseline Baseline(int index)
    {
        var feature = $"f{index}";
        var counts = Edges.Select((_, i) => 100.0 + 50 * Math.Sin(i + index)).Append(80).ToArray();
        _answers[feature] = Enumerable.Range(0, Variants).Select(v => Render(Live(counts, v))).ToArray();
        return new FeatureBaseline { Feature = feature, BucketEdges = Edges, Counts = counts };
    }

    /// <summary>The pre-rendered answer for a feature and deployment.</summary>
    public byte[] Answer(string feature, int deployment) => _answers[feature][deployment % Variants];

    // Every fourth variant shifts mass to the upper bins; the rest jitter around the baseline.
    private double[] Live(double[] baseline, int variant)
        => baseline.Select((c, i) => variant % 4 == 0 ? c * (0.3 + 0.15 * i) : c * (0.9 + 0.2 * _random.NextDouble())).ToArray();

    private static byte[] Render(double[] perBin)
    {
        var json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        var cumulative = 0.0;
        for (var i = 0; i < perBin.Length; i++)
        {
            cumulative += perBin[i];
            var le = i < Edges.Length ? Edges[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"metric\":{{\"le\":\"{le}\"}},\"value\":[1767225600,\"{cumulative.ToString("R", CultureInfo.InvariantCulture)}\"]}}");
        }
        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }
}
