using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Infrastructure.Lineage;
using Npgsql;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// The floor of the lineage walk: the exact statement the provider's dialect builds (<see cref="SqliteLineageSqlDialect"/>
/// or <see cref="PostgresLineageSqlDialect"/>), with its parameters inlined as literals, timed by the database's own
/// shell (sqlite3's <c>.timer</c>, psql's <c>\timing</c>) so no .NET code is on the clock.
/// </summary>
public static partial class CteFloor
{
    /// <summary>The scenario name of the SQLite floor.</summary>
    public const string SqliteScenario = "lineage floor: raw CTE in sqlite3";

    /// <summary>The scenario name of the PostgreSQL floor.</summary>
    public const string PostgresScenario = "lineage floor: raw CTE in psql";

    /// <summary>The walk statement for a downstream depth-10 walk from a model version, ready for a shell.</summary>
    public static string WalkSql(ILineageSqlDialect dialect, long modelVersionId)
    {
        var statement = dialect.BuildWalk(new LineageWalkRequest(
            new LineageNodeRef(LineageNodeKind.ModelVersion, modelVersionId), LineageDirection.Downstream, LineageWalker.MaxDepth, null, null));
        return string.Format(CultureInfo.InvariantCulture, statement.Sql, statement.Parameters.Select(Literal).ToArray()) + ";";
    }

    /// <summary>Runs each root's walk <paramref name="rounds"/> times in one sqlite3 process; returns per-statement real times.</summary>
    public static async Task<LatencySample> MeasureAsync(string sqlite3, string databasePath, IReadOnlyList<long> roots, int warmUpRounds, int rounds)
    {
        var script = Script(new SqliteLineageSqlDialect(), ".output /dev/null", ".timer on", roots, warmUpRounds, rounds);
        var output = await RunShellAsync(new ProcessStartInfo(sqlite3, ["-readonly", databasePath]), script);
        var timings = SqliteRunTime().Matches(output.Text)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000)
            .ToList();
        if (output.ExitCode != 0 || timings.Count != rounds * roots.Count)
            throw new InvalidOperationException($"sqlite3 exited {output.ExitCode} with {timings.Count} timings: {output.Errors}");
        return new LatencySample(SqliteScenario, timings, 0);
    }

    /// <summary>
    /// Runs each root's walk <paramref name="rounds"/> times in one psql session on the database of
    /// <paramref name="connectionString"/>; returns psql's <c>\timing</c> per statement: from sending the statement
    /// to having read its whole result, over the same loopback connection kind the Api uses.
    /// </summary>
    public static async Task<LatencySample> MeasurePostgresAsync(string psql, string connectionString, IReadOnlyList<long> roots, int warmUpRounds, int rounds)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var conninfo = string.Join(' ', new[]
        {
            ("host", settings.Host), ("port", settings.Port.ToString(CultureInfo.InvariantCulture)),
            ("user", settings.Username), ("dbname", settings.Database ?? settings.Username),
        }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}='{p.Item2!.Replace("'", "\\'", StringComparison.Ordinal)}'"));
        var start = new ProcessStartInfo(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo]);
        if (!string.IsNullOrEmpty(settings.Password))
            start.Environment["PGPASSWORD"] = settings.Password;
        var script = Script(new PostgresLineageSqlDialect(), "\\o /dev/null", "\\timing on", roots, warmUpRounds, rounds);
        var output = await RunShellAsync(start, script);
        var timings = PsqlTime().Matches(output.Text)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        if (output.ExitCode != 0 || timings.Count != rounds * roots.Count)
            throw new InvalidOperationException($"psql exited {output.ExitCode} with {timings.Count} timings: {output.Errors}");
        return new LatencySample(PostgresScenario, timings, 0);
    }

    // Warm-up rounds unrecorded (results discarded), then the timer on for the recorded rounds.
    private static string Script(ILineageSqlDialect dialect, string discardOutput, string timerOn, IReadOnlyList<long> roots, int warmUpRounds, int rounds)
    {
        var script = new StringBuilder();
        script.AppendLine(discardOutput);
        for (var i = 0; i < warmUpRounds; i++)
            foreach (var root in roots)
                script.AppendLine(WalkSql(dialect, root));
        script.AppendLine(timerOn);
        for (var i = 0; i < rounds; i++)
            foreach (var root in roots)
                script.AppendLine(WalkSql(dialect, root));
        return script.ToString();
    }

    private static async Task<(int ExitCode, string Text, string Errors)> RunShellAsync(ProcessStartInfo start, string script)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr, await stderr);
    }

    private static object Literal(object value) => value switch
    {
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No SQL literal for {value.GetType().Name}."),
    };

    [GeneratedRegex(@"Run Time: real ([0-9.]+)")]
    private static partial Regex SqliteRunTime();

    [GeneratedRegex(@"^Time: ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex PsqlTime();
}
