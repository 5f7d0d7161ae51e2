using System.Diagnostics;
using System.Globalization;
using ModelRegistry.Bench.Drift;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Infrastructure.Monitoring;

// A drift pass over many deployments × features: each deployment's features are read through the Prometheus client over
// HTTP in one query (answered in-process by a handler serving Prometheus JSON), turned into bins, measured and judged.
// The floor does the same HTTP round trips and JSON parsing without the statistics.
var deployments = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var features = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;

var histograms = new SyntheticHistograms(seed: 42);
using var http = new HttpClient(new PrometheusJsonHandler(histograms));
var source = new PrometheusMetricsSource(http);
var baselines = Enumerable.Range(0, features).Select(histograms.Baseline).ToArray();
var names = baselines.Select(b => b.Feature).ToList();

async Task<int> PassAsync(bool compute)
{
    var drifting = 0;
    await Parallel.ForEachAsync(Enumerable.Range(0, deployments), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 4 },
        async (d, ct) =>
        {
            var statuses = new List<DriftStatus>(features);
            var answers = await source.ReadAsync(new MetricsQuery("http://metrics.bench", $"deployment=\"d{d}\"", "model_feature_value",
                names, false, "1h", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), ct);
            if (compute)
                for (var f = 0; f < features; f++)
                    statuses.Add(FeatureEvaluation.Evaluate(baselines[f], answers[baselines[f].Feature], 0.1, 0.25).Status);
            if (compute && DriftSeverity.Worst(statuses) == DriftStatus.Drifting)
                Interlocked.Increment(ref drifting);
        });
    return drifting;
}

// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
async Task<(double Seconds, double CpuSeconds, int Drifting)> TimeAsync(bool compute)
{
    var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var drifting = await PassAsync(compute);
    process.Refresh();
    return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, drifting);
}

await TimeAsync(compute: true); // warm-up: JIT, connection-free handler, caches
var pass = new List<double>();
var passCpu = new List<double>();
var floor = new List<double>();
var floorCpu = new List<double>();
var lastDrifting = 0;
for (var i = 0; i < runs; i++)
{
    var (seconds, cpuSeconds, drifting) = await TimeAsync(compute: true);
    pass.Add(seconds);
    passCpu.Add(cpuSeconds);
    lastDrifting = drifting;
    var bare = await TimeAsync(compute: false);
    floor.Add(bare.Seconds);
    floorCpu.Add(bare.CpuSeconds);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

var queries = deployments * features;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"drift pass: {deployments} deployments x {features} features = {queries} feature reads in {deployments} queries, {runs} runs, {Environment.ProcessorCount} cores"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  pass   median {Median(pass):0.000} s wall, {Median(passCpu):0.000} s CPU (wall runs: {string.Join(", ", pass.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))}), {lastDrifting} deployments DRIFTING"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  floor  median {Median(floor):0.000} s wall, {Median(floorCpu):0.000} s CPU (HTTP + JSON parse only)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  statistics add {Median(pass) / Median(floor):0.00}x over the floor; target < 2 s: {(Median(pass) < 2 ? "met" : "MISSED")}"));
