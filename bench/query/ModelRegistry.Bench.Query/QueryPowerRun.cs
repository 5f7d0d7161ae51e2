using ModelRegistry.Core.Governance;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Bench.Query;

/// <summary>One measuring run: the Api over HTTP and each floor, interleaved in the same process and minute.</summary>
public static class QueryPowerRun
{
    /// <summary>The nested query of the issue.</summary>
    public const string NestedQuery =
        "{ models(first: 50) { nodes { versions { nodes { metrics { name value } trainedOn { version } deployments { consumers { name } } } } } } }";

    /// <summary>The metric-plus-tag filter, in the contract's <c>where:</c> syntax.</summary>
    public const string FilterQuery =
        "{ modelVersions(where: { metrics: { some: { name: { eq: \"auc\" }, value: { gte: 0.9 } } }, tags: { some: { eq: \"fraud\" } } }, first: 50) { nodes { number } } }";

    /// <summary>The depth-10 downstream walk; edges only, so node loading is not on the clock.</summary>
    public const string LineageQuery =
        "query($id: ID!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 10) { truncated edges { id relation } } }";

    private const string Sqlite3 = "/usr/bin/sqlite3";
    private const string Psql = "/usr/lib/postgresql/15/bin/psql";
    private const int LineageRoots = 20;
    private const int FilterFloorRuns = 5;

    /// <summary>Starts the floor host, measures every scenario and prints the table; 1 when the Api answered with errors where it must not.</summary>
    public static async Task<int> ExecuteAsync(BenchOptions options, TextWriter log)
    {
        var floorUrl = new Uri($"http://127.0.0.1:{options.FloorPort}");
        await using var floor = FloorHost.Build(options, floorUrl);
        await floor.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var graphql = new Uri(options.ApiUrl, "/graphql");
        var samples = new List<LatencySample>();
        var notes = new List<string>();

        samples.Add(await Measure(options, "nested: GraphQL over HTTP", _ => PostAsync(http, graphql, NestedQuery, null, mustSucceed: true)));
        samples.Add(await Measure(options, "nested floor: same EF queries, minimal API", _ => GetAsync(http, new Uri(floorUrl, "/floor/nested"))));

        var filterProbe = await PostRawAsync(http, graphql, FilterQuery, null);
        if (filterProbe.Errors is { } errors)
            notes.Add($"filter: the Api refused `where:` on this branch, so its figure is pending ({errors})");
        else
            samples.Add(await Measure(options, "filter: GraphQL over HTTP", _ => PostAsync(http, graphql, FilterQuery, null, mustSucceed: true)));
        // Without planner statistics this statement takes seconds (see the benchmark notes), so it gets a few runs only.
        samples.Add(await LatencySample.MeasureAsync("filter floor: same predicate in EF, minimal API",
            _ => GetAsync(http, new Uri(floorUrl, "/floor/filter")), 1, Math.Min(options.Iterations, FilterFloorRuns)));

        var roots = Enumerable.Range(0, LineageRoots).Select(i => RegistryShape.FamilyRootVersionId(i * 37)).ToList();
        samples.Add(await Measure(options, "lineage: GraphQL over HTTP", i =>
            PostAsync(http, graphql, LineageQuery, new { id = GlobalId.Encode("ModelVersion", roots[i % roots.Count]) }, mustSucceed: true)));
        var rounds = Math.Max(1, options.Iterations / roots.Count);
        var warmUpRounds = Math.Max(1, options.WarmUp / roots.Count);
        samples.Add(options.IsPostgres
            ? await CteFloor.MeasurePostgresAsync(Psql, options.PostgresConnectionString!, roots, warmUpRounds, rounds)
            : await CteFloor.MeasureAsync(Sqlite3, Path.Combine(Path.GetFullPath(options.DataDirectory), "registry.db"), roots, warmUpRounds, rounds));

        await floor.StopAsync();
        log.WriteLine($"provider: {(options.IsPostgres ? "PostgreSQL" : "SQLite")}");
        Report(samples, notes, log);
        return 0;
    }

    private static Task<LatencySample> Measure(BenchOptions options, string scenario, Func<int, Task<long>> call)
        => LatencySample.MeasureAsync(scenario, call, options.WarmUp, options.Iterations);

    private static void Report(List<LatencySample> samples, List<string> notes, TextWriter log)
    {
        log.WriteLine("| scenario | p50 ms | p95 ms | response bytes | runs |");
        log.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var s in samples)
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Scenario} | {s.P50:F2} | {s.P95:F2} | {s.ResponseBytes:N0} | {s.Milliseconds.Count} |"));
        Ratio(samples, log, "nested: GraphQL over HTTP", "nested floor: same EF queries, minimal API", 1.3);
        Ratio(samples, log, "filter: GraphQL over HTTP", "filter floor: same predicate in EF, minimal API", null);
        Ratio(samples, log, "lineage: GraphQL over HTTP", CteFloor.SqliteScenario, 1.5);
        Ratio(samples, log, "lineage: GraphQL over HTTP", CteFloor.PostgresScenario, 1.5);
        foreach (var note in notes)
            log.WriteLine(note);
    }

    private static void Ratio(List<LatencySample> samples, TextWriter log, string target, string floor, double? budget)
    {
        var t = samples.FirstOrDefault(s => s.Scenario == target);
        var f = samples.FirstOrDefault(s => s.Scenario == floor);
        if (t is null || f is null)
            return;
        var ratio = t.P50 / f.P50;
        var verdict = budget is { } b ? (ratio <= b ? $"within {b}x" : $"misses {b}x by {(ratio / b - 1) * 100:F0}%") : "no ratio target";
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target} / floor (p50): {ratio:F2}x — {verdict}"));
    }

    private static async Task<long> GetAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    private static async Task<long> PostAsync(HttpClient http, Uri url, string query, object? variables, bool mustSucceed)
    {
        var (bytes, errors) = await PostRawAsync(http, url, query, variables);
        if (mustSucceed && errors is not null)
            throw new InvalidOperationException($"GraphQL errors: {errors}");
        return bytes;
    }

    private static async Task<(long Bytes, string? Errors)> PostRawAsync(HttpClient http, Uri url, string query, object? variables)
    {
        using var response = await http.PostAsJsonAsync(url, new { query, variables });
        var body = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(body);
        var errors = document.RootElement.TryGetProperty("errors", out var e) ? e.GetRawText() : null;
        if (errors is null && !response.IsSuccessStatusCode)
            errors = $"HTTP {(int)response.StatusCode}";
        return (body.LongLength, errors);
    }
}

/// <summary>The bench's own minimal-API host: the floors, on the same EF model, provider and database as the Api.</summary>
public static class FloorHost
{
    /// <summary>Builds (without starting) a host listening on <paramref name="url"/>, on the database <paramref name="options"/> names.</summary>
    public static WebApplication Build(BenchOptions options, Uri url)
    {
        // Production whatever the shell exports: the bench runs the Api in Development, and Development would validate this
        // host's partial container (the Api's principal services are not here) and refuse to start.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        builder.Services.AddRegistryInfrastructure(options.Persistence());
        // Reads everything, as an anonymous Development caller of the Api does, so both sides run the same filtered SQL.
        builder.Services.AddScoped(_ => ReadVisibilityHolder.Unfiltered());
        var app = builder.Build();
        app.MapGet("/floor/nested", async (RegistryDbContext db, CancellationToken ct) => Results.Json(await NestedFloor.ReadAsync(db, ct)));
        app.MapGet("/floor/filter", async (RegistryDbContext db, CancellationToken ct) => Results.Json(await FilterFloor.ReadAsync(db, ct)));
        return app;
    }
}
