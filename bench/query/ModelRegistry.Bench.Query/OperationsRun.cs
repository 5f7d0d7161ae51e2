using System.Globalization;
using System.Text.RegularExpressions;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// Runs every query in <c>schema/operations</c> (the frontend operations the limits are calibrated on) against a running
/// Api on the benchmark data, around 20 models spread over the data set, and prints their time and size: they must pass
/// the limits and answer without errors on a registry of this size, not only on the demo seed the e2e suites use.
/// </summary>
public static partial class OperationsRun
{
    private const int Models = 20;

    /// <summary>Measures each query operation; 1 when one of them answered errors.</summary>
    public static async Task<int> ExecuteAsync(BenchOptions options, TextWriter log)
    {
        var directory = FindOperations();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var graphql = new Uri(options.ApiUrl, "/graphql");
        var models = Enumerable.Range(0, Models).Select(i => 1 + i * 499).ToList();
        var failed = 0;
        log.WriteLine("| operation | p50 ms | p95 ms | median bytes | runs |");
        log.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var file in Directory.GetFiles(directory, "*.graphql").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file);
            foreach (Match match in QueryName().Matches(text))
            {
                var name = match.Groups[1].Value;
                try
                {
                    var (sample, medianBytes) = await GraphQLSample.MeasureAsync(http, graphql, name,
                        i => new { query = text, operationName = name, variables = Variables(models[i % models.Count]) }, options);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} ({Path.GetFileName(file)}) | {sample.P50:F1} | {sample.P95:F1} | {medianBytes:N0} | {sample.Milliseconds.Count} |"));
                }
                catch (InvalidOperationException error)
                {
                    failed++;
                    log.WriteLine($"| {name} ({Path.GetFileName(file)}) | refused: {error.Message} | | | |");
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }

    // What a page would pass for model number `model`: its name, its production version (the last), words to search.
    private static Dictionary<string, object> Variables(int model) => new()
    {
        ["text"] = $"model {model}",
        ["modelName"] = $"model-{model:D5}",
        ["name"] = $"model-{model:D5}",
        ["nodeId"] = GlobalId.Encode("ModelVersion", RegistryShape.VersionId(model, RegistryShape.VersionsPerModel)),
    };

    private static string FindOperations()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "schema", "operations");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("Run from inside the repository: schema/operations was not found above the current folder.");
    }

    [GeneratedRegex(@"^query\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex QueryName();
}
