using System.Globalization;
using System.Text;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Bench.Drift;

/// <summary>
/// Deterministic synthetic histograms: per feature a baseline over 10 edges, and a fixed pool of live answers (some close to
/// the baseline, some shifted), pre-rendered as one Prometheus instant-vector JSON answer covering every feature.
/// </summary>
public sealed class SyntheticHistograms
{
    /// <summary>Distinct live answers per feature; deployments pick one by their number.</summary>
    public const int Variants = 16;

    private static readonly double[] Edges = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    private readonly Random _random;
    private readonly List<double[][]> _live = [];
    private byte[][]? _answers;

    /// <summary>Builds the pool.</summary>
    public SyntheticHistograms(int seed) => _random = new Random(seed);

    /// <summary>The baseline of feature <paramref name="index"/> (call in order 0, 1, 2 … before the first answer).</summary>
    public FeatureBaseline Baseline(int index)
    {
        var counts = Edges.Select((_, i) => 100.0 + 50 * Math.Sin(i + index)).Append(80).ToArray();
        _live.Add(Enumerable.Range(0, Variants).Select(v => Live(counts, v)).ToArray());
        return new FeatureBaseline { Feature = $"f{index}", BucketEdges = Edges, Counts = counts };
    }

    /// <summary>The pre-rendered answer (every feature) for a deployment.</summary>
    public byte[] Answer(int deployment)
    {
        _answers ??= Enumerable.Range(0, Variants).Select(Render).ToArray();
        return _answers[deployment % Variants];
    }

    // Every fourth variant shifts mass to the upper bins; the rest jitter around the baseline.
    private double[] Live(double[] baseline, int variant)
        => baseline.Select((c, i) => variant % 4 == 0 ? c * (0.3 + 0.15 * i) : c * (0.9 + 0.2 * _random.NextDouble())).ToArray();

    private byte[] Render(int variant)
    {
        var json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        var first = true;
        for (var f = 0; f < _live.Count; f++)
        {
            var cumulative = 0.0;
            var perBin = _live[f][variant];
            for (var i = 0; i < perBin.Length; i++)
            {
                cumulative += perBin[i];
                var le = i < Edges.Length ? Edges[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
                json.Append(first ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $"{{\"metric\":{{\"feature\":\"f{f}\",\"le\":\"{le}\"}},\"value\":[1767225600,\"{cumulative.ToString("R", CultureInfo.InvariantCulture)}\"]}}");
                first = false;
            }
        }
        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }
}
