using System.Globalization;

namespace ModelRegistry.Bench.Query;

/// <summary>The command line of the query-power bench.</summary>
public sealed record BenchOptions(string Verb, string DataDirectory, Uri ApiUrl, int Iterations, int WarmUp, int FloorPort)
{
    /// <summary>How to call the bench.</summary>
    public const string Usage = """
        usage: ModelRegistry.Bench.Query generate --data <dir>
               ModelRegistry.Bench.Query run --data <dir> --api http://127.0.0.1:<port> [--iterations 200] [--warmup 20] [--floor-port 5199]
               ModelRegistry.Bench.Query picture --api http://127.0.0.1:<port> [--iterations 200] [--warmup 20]
               ModelRegistry.Bench.Query operations --api http://127.0.0.1:<port> [--iterations 200] [--warmup 20]   (from inside the repository)
        """;

    /// <summary>Reads the verb and its flags; unknown flags are refused so a typo never runs a different bench.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "";
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--flag value' at '{args[i]}'.\n{Usage}");
            flags[args[i][2..]] = args[i + 1];
        }
        var known = new HashSet<string> { "data", "api", "iterations", "warmup", "floor-port" };
        if (flags.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"Unknown flag '--{unknown}'.\n{Usage}");
        return new BenchOptions(
            verb,
            flags.GetValueOrDefault("data", "./bench-data"),
            new Uri(flags.GetValueOrDefault("api", "http://127.0.0.1:5080")),
            int.Parse(flags.GetValueOrDefault("iterations", "200"), CultureInfo.InvariantCulture),
            int.Parse(flags.GetValueOrDefault("warmup", "20"), CultureInfo.InvariantCulture),
            int.Parse(flags.GetValueOrDefault("floor-port", "5199"), CultureInfo.InvariantCulture));
    }
}
