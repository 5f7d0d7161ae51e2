using System.Diagnostics;

namespace ModelRegistry.Bench.Query;

/// <summary>Wall-clock latencies of one scenario, in milliseconds, after a warm-up that is not recorded.</summary>
public sealed record LatencySample(string Scenario, IReadOnlyList<double> Milliseconds, long ResponseBytes)
{
    /// <summary>The median.</summary>
    public double P50 => Percentile(0.50);

    /// <summary>The 95th percentile (nearest rank).</summary>
    public double P95 => Percentile(0.95);

    /// <summary>Runs <paramref name="call"/> <paramref name="warmUp"/> times unrecorded, then <paramref name="iterations"/> times recorded.</summary>
    /// <param name="scenario">The row name in the report.</param>
    /// <param name="call">One request; returns the response size so a floor and its target can be compared.</param>
    /// <param name="warmUp">Unrecorded calls that let JIT, connection pools and the page cache settle.</param>
    /// <param name="iterations">Recorded calls.</param>
    public static async Task<LatencySample> MeasureAsync(string scenario, Func<int, Task<long>> call, int warmUp, int iterations)
    {
        for (var i = 0; i < warmUp; i++)
            await call(i);
        var times = new List<double>(iterations);
        long bytes = 0;
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = await call(i);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return new LatencySample(scenario, times, bytes);
    }

    private double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
