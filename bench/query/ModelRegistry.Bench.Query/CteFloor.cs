using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// The floor of the lineage walk: the exact statement <see cref="SqliteLineageSqlDialect"/> builds, with its parameters
/// inlined as literals, timed by the sqlite3 shell's own <c>.timer</c> so no .NET code is on the clock.
/// </summary>
public static partial class CteFloor
{
    /// <summary>The walk statement for a downstream depth-10 walk from a model version, ready for the sqlite3 shell.</summary>
    public static string WalkSql(long modelVersionId)
    {
        var statement = new SqliteLineageSqlDialect().BuildWalk(new LineageWalkRequest(
            new LineageNodeRef(LineageNodeKind.ModelVersion, modelVersionId), LineageDirection.Downstream, LineageWalker.MaxDepth, null, null));
        return string.Format(CultureInfo.InvariantCulture, statement.Sql, statement.Parameters.Select(Literal).ToArray()) + ";";
    }

    /// <summary>Runs each root's walk <paramref name="rounds"/> times in one sqlite3 process; returns per-statement real times.</summary>
    public static async Task<LatencySample> MeasureAsync(string sqlite3, string databasePath, IReadOnlyList<long> roots, int warmUpRounds, int rounds)
    {
        var script = new StringBuilder();
        script.AppendLine(".output /dev/null");
        for (var i = 0; i < warmUpRounds; i++)
            foreach (var root in roots)
                script.AppendLine(WalkSql(root));
        script.AppendLine(".timer on");
        for (var i = 0; i < rounds; i++)
            foreach (var root in roots)
                script.AppendLine(WalkSql(root));

        var start = new ProcessStartInfo(sqlite3, ["-readonly", databasePath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {sqlite3}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script.ToString());
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var timings = RunTime().Matches(await stdout + await stderr)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000)
            .ToList();
        if (process.ExitCode != 0 || timings.Count != rounds * roots.Count)
            throw new InvalidOperationException($"sqlite3 exited {process.ExitCode} with {timings.Count} timings: {await stderr}");
        return new LatencySample("lineage floor: raw CTE in sqlite3", timings, 0);
    }

    private static object Literal(object value) => value switch
    {
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No SQL literal for {value.GetType().Name}."),
    };

    [GeneratedRegex(@"Run Time: real ([0-9.]+)")]
    private static partial Regex RunTime();
}
