using System.Diagnostics;
using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Limits;

// Server CPU spent on one document, by shape and size, through the same executor and limits every transport uses.
// The floor is a one-field query answered in the same run; each row reports its median and its ratio to that floor.
var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var services = new ServiceCollection();
services.AddLogging();
services.AddGraphQLToolkit();
services.AddGraphQLLimits();
services.AddGraphQL(graphQL => graphQL.AddSchema<LimitsTestSchema>().AddGraphTypes(typeof(LimitsTestSchema).Assembly));
await using var provider = services.BuildServiceProvider();
var executor = provider.GetRequiredService<GraphQLRequestExecutor>();
var http = new DefaultHttpContext { RequestServices = provider };

var shapes = new (string Name, Func<int, string> Build)[]
{
    ("@include on one field", HostileShapes.IncludeDirectives),
    ("root fields", HostileShapes.RootFields),
    ("fragment chain", HostileShapes.FragmentChain),
    ("distinct fragments at root", HostileShapes.DistinctFragmentsAtRoot),
    ("repeated argument", HostileShapes.RepeatedArgument),
    ("unused fragments", HostileShapes.UnusedFragments),
    ("unknown directives", HostileShapes.UnknownDirectives),
    ("aliases", HostileShapes.Aliases),
    ("one long string", HostileShapes.LongString),
    ("one long comment", HostileShapes.LongComment),
    ("unterminated string at the end of one long line", HostileShapes.UnterminatedStringAfterLongOne),
    ("stray token at the end of one long line", HostileShapes.StrayTokenAfterLongLine),
};
int[] sizes = [1_000, 10_000, 100_000, 1_000_000];

var floor = await MedianAsync("{ hello }");
Console.WriteLine($"repeats {repeats}; floor {{ hello }} answered: median {Ms(floor)} ms CPU");
Console.WriteLine("| Shape | Size | Answer | Median CPU (ms) | × floor | µs per KB |");
Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: |");
foreach (var (name, build) in shapes)
{
    foreach (var size in sizes)
    {
        var query = OfSize(build, size);
        var answer = await AnswerAsync(query);
        var cpu = await MedianAsync(query);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {query.Length / 1024.0:0.#} KB | {answer} | {Ms(cpu)} | {cpu / floor:0.#} | {cpu.TotalMicroseconds / (query.Length / 1024.0):0.#} |"));
    }
}
foreach (var levels in new[] { 3, 4, 7, 12 })
{
    var query = HostileShapes.FragmentFanOut(levels);
    var answer = await AnswerAsync(query);
    var cpu = await MedianAsync(query);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| fragment fan-out, {levels} levels × 10 spreads | {query.Length} B | {answer} | {Ms(cpu)} | {cpu / floor:0.#} | |"));
}

// The largest repeat count whose document stays within the size.
static string OfSize(Func<int, string> build, int bytes)
{
    var perUnit = Math.Max(1, build(100).Length / 100.0);
    var count = Math.Max(1, (int)(bytes / perUnit));
    while (count > 1 && build(count).Length > bytes)
        count = (int)(count * 0.95);
    return build(count);
}

async Task<string> AnswerAsync(string query)
{
    var result = await executor.ExecuteAsync(new GraphQLRequest { Query = query }, http, new GraphQLUserContext());
    return result.Errors is { Count: > 0 } errors ? errors[0].Code ?? "error" : "ran";
}

// Process CPU (all threads, the collector included) per document, median of the repeats.
async Task<TimeSpan> MedianAsync(string query)
{
    await AnswerAsync(query);
    var samples = new List<TimeSpan>();
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < repeats; i++)
    {
        process.Refresh();
        var before = process.TotalProcessorTime;
        await AnswerAsync(query);
        process.Refresh();
        samples.Add(process.TotalProcessorTime - before);
    }
    samples.Sort();
    return samples[samples.Count / 2];
}

static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
