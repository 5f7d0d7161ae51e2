using System.Net.Http.Json;
using System.Text.Json;

namespace ModelRegistry.Bench.Query;

/// <summary>Latencies and answer sizes of one GraphQL document posted repeatedly; an answer with errors stops the run.</summary>
public static class GraphQLSample
{
    /// <summary>
    /// Posts <paramref name="body"/>(i) to <paramref name="graphql"/> for the warm-up and the recorded runs of
    /// <paramref name="options"/>, and returns the latencies with the median size of the recorded answers.
    /// </summary>
    /// <exception cref="InvalidOperationException">An answer carried errors or a failure status.</exception>
    public static async Task<(LatencySample Sample, long MedianBytes)> MeasureAsync(
        HttpClient http, Uri graphql, string scenario, Func<int, object> body, BenchOptions options)
    {
        var sizes = new List<long>();
        var sample = await LatencySample.MeasureAsync(scenario, async i =>
        {
            using var response = await http.PostAsJsonAsync(graphql, body(i));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.TryGetProperty("errors", out var errors) || !response.IsSuccessStatusCode)
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode} {errors}");
            sizes.Add(bytes.LongLength);
            return bytes.LongLength;
        }, options.WarmUp, options.Iterations);
        var recorded = sizes.Skip(options.WarmUp).Order().ToList();
        return (sample, recorded[recorded.Count / 2]);
    }
}
