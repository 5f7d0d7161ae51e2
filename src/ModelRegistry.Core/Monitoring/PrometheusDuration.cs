using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Monitoring;

/// <summary>Prometheus duration strings such as <c>5m</c>, <c>1h30m</c> or <c>1d</c>.</summary>
public static partial class PrometheusDuration
{
    [GeneratedRegex("^(?:[0-9]+(?:ms|s|m|h|d|w|y))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex("([0-9]+)(ms|s|m|h|d|w|y)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    /// <summary>Parses a positive duration; false for anything Prometheus would refuse or that is zero.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 32 || !Shape().IsMatch(text))
            return false;
        foreach (Match m in Part().Matches(text))
        {
            if (!long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
                return false;
            duration += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                "w" => TimeSpan.FromDays(7 * n),
                _ => TimeSpan.FromDays(365 * n),
            };
        }
        return duration > TimeSpan.Zero;
    }

    /// <summary>
    /// The end of the latest complete window at <paramref name="at"/>: <paramref name="at"/> truncated down to a multiple of the
    /// window since the Unix epoch, so every run inside one step names the same window (idempotent re-runs).
    /// </summary>
    public static DateTime WindowEndAt(DateTime at, TimeSpan window)
    {
        var ticks = at.Ticks - DateTime.UnixEpoch.Ticks;
        return new DateTime(DateTime.UnixEpoch.Ticks + ticks - ticks % window.Ticks, DateTimeKind.Utc);
    }
}
