using System.Globalization;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// The lineage picture a frontend draws around a model version: the walk, and for every node the details a side panel
/// shows, including the plain lists that used to be unbounded (a dataset version's <c>usedBy</c>, a consumer's
/// <c>deployments</c>). The same document runs against any build, so two builds can be compared on the same data.
/// </summary>
public static class PictureRun
{
    /// <summary>The picture, written as a frontend wrote it before lists were sliced: no <c>first</c> on any plain list.</summary>
    public const string PictureQuery = """
        query LineagePicture($id: ID!) {
          lineage(nodeId: $id, direction: BOTH, depth: 2) {
            truncated
            hiddenNodes
            nodes {
              __typename
              ... on ModelVersion { id number stage model { id name } }
              ... on DatasetVersion { id version dataset { id name } usedBy { id number stage model { id name } } }
              ... on Deployment { id environment status trafficPercent }
              ... on ConsumerApplication { id name owner deployments { id environment status modelVersion { id number } } }
            }
            edges {
              id
              relation
              source { __typename ... on Node { id } }
              target { __typename ... on Node { id } }
            }
          }
        }
        """;

    /// <summary>The floor: the same picture without the plain lists, so only the walk and the nodes are on the clock.</summary>
    public static readonly string FloorQuery = PictureQuery
        .Replace(" usedBy { id number stage model { id name } }", "", StringComparison.Ordinal)
        .Replace(" deployments { id environment status modelVersion { id number } }", "", StringComparison.Ordinal);

    private const int Roots = 20;

    /// <summary>Measures the picture around <see cref="Roots"/> versions spread over the data set and prints one row.</summary>
    public static async Task<int> ExecuteAsync(BenchOptions options, TextWriter log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var graphql = new Uri(options.ApiUrl, "/graphql");
        var roots = Enumerable.Range(0, Roots).Select(i => RegistryShape.VersionId(1 + i * 497, 1 + i % RegistryShape.VersionsPerModel)).ToList();
        log.WriteLine("| scenario | p50 ms | p95 ms | median bytes | runs |");
        log.WriteLine("|---|---:|---:|---:|---:|");
        var picture = await MeasureAsync(http, graphql, roots, "lineage picture with its plain lists", PictureQuery, options, log);
        var floor = await MeasureAsync(http, graphql, roots, "floor: the same picture without the plain lists", FloorQuery, options, log);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"picture / floor (p50): {picture.P50 / floor.P50:F2}x"));
        return 0;
    }

    private static async Task<LatencySample> MeasureAsync(HttpClient http, Uri graphql, List<long> roots, string scenario, string query,
        BenchOptions options, TextWriter log)
    {
        var (sample, medianBytes) = await GraphQLSample.MeasureAsync(http, graphql, scenario,
            i => new { query, variables = new { id = GlobalId.Encode("ModelVersion", roots[i % roots.Count]) } }, options);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {sample.P50:F1} | {sample.P95:F1} | {medianBytes:N0} | {sample.Milliseconds.Count} |"));
        return sample;
    }
}
