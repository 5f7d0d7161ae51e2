using System.Globalization;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Bench.Query;

/// <summary>The command line of the query-power bench.</summary>
/// <param name="Verb">What to do.</param>
/// <param name="DataDirectory">Holds registry.db (the generated data set) and the audit anchor's key and head.</param>
/// <param name="ApiUrl">The Api under test.</param>
/// <param name="Iterations">Recorded runs per scenario.</param>
/// <param name="WarmUp">Unrecorded runs before them.</param>
/// <param name="FloorPort">The loopback port of the bench's own floor host.</param>
/// <param name="PostgresConnectionString">
/// When set, the Api under test and the floors run on this PostgreSQL database (Npgsql connection string); otherwise on
/// the SQLite file in <paramref name="DataDirectory"/>.
/// </param>
public sealed record BenchOptions(string Verb, string DataDirectory, Uri ApiUrl, int Iterations, int WarmUp, int FloorPort, string? PostgresConnectionString = null)
{
    /// <summary>How to call the bench.</summary>
    public const string Usage = """
        usage: ModelRegistry.Bench.Query generate --data <dir>
               ModelRegistry.Bench.Query load-postgres --data <dir> --postgres "<Npgsql connection string of an empty database>"
               ModelRegistry.Bench.Query run --data <dir> --api http://127.0.0.1:<port> [--postgres "<conn>"] [--iterations 200] [--warmup 20] [--floor-port 5199]
               ModelRegistry.Bench.Query picture --api http://127.0.0.1:<port> [--iterations 200] [--warmup 20]
               ModelRegistry.Bench.Query operations --api http://127.0.0.1:<port> [--iterations 200] [--warmup 20]   (from inside the repository)
        load-postgres copies the data set that generate wrote into <dir>/registry.db; run with --postgres measures an Api
        started on that database with Registry__Audit__AnchorKeyPath=<dir>/keys/audit-anchor.key and
        Registry__Audit__AnchorPath=<dir>/audit-anchor.postgres.json.
        """;

    /// <summary>Whether the Api and the floors run on PostgreSQL.</summary>
    public bool IsPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    /// <summary>The registry's persistence settings the floor host and the loader use: the same database the Api is started on.</summary>
    public RegistryPersistenceOptions Persistence()
    {
        var options = new RegistryPersistenceOptions { DataDirectory = DataDirectory };
        if (IsPostgres)
        {
            options.Provider = RegistryDatabaseProvider.Postgres;
            options.ConnectionString = PostgresConnectionString;
            options.AuditAnchorKeyPath = AuditAnchorKeyPath;
            options.AuditAnchorPath = PostgresAuditAnchorPath;
        }
        return options;
    }

    /// <summary>The anchor key the loader creates and the PostgreSQL-backed Api must be started with.</summary>
    public string AuditAnchorKeyPath => Path.Combine(Path.GetFullPath(DataDirectory), "keys", "audit-anchor.key");

    /// <summary>
    /// The anchored audit head of the PostgreSQL database, kept apart from the SQLite file's (the default path in the
    /// data directory), so an Api run on one provider never judges the other's log against its anchor.
    /// </summary>
    public string PostgresAuditAnchorPath => Path.Combine(Path.GetFullPath(DataDirectory), "audit-anchor.postgres.json");

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
        var known = new HashSet<string> { "data", "api", "iterations", "warmup", "floor-port", "postgres" };
        if (flags.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException($"Unknown flag '--{unknown}'.\n{Usage}");
        if (verb == "load-postgres" && string.IsNullOrWhiteSpace(flags.GetValueOrDefault("postgres")))
            throw new ArgumentException($"load-postgres needs --postgres.\n{Usage}");
        return new BenchOptions(
            verb,
            flags.GetValueOrDefault("data", "./bench-data"),
            new Uri(flags.GetValueOrDefault("api", "http://127.0.0.1:5080")),
            int.Parse(flags.GetValueOrDefault("iterations", "200"), CultureInfo.InvariantCulture),
            int.Parse(flags.GetValueOrDefault("warmup", "20"), CultureInfo.InvariantCulture),
            int.Parse(flags.GetValueOrDefault("floor-port", "5199"), CultureInfo.InvariantCulture),
            flags.GetValueOrDefault("postgres"));
    }
}
