using System.Globalization;

namespace ModelRegistry.Core.Reports;

/// <summary>The spellings both renderers share, so the Markdown and JSON forms of a report agree to the character.</summary>
public static class ReportText
{
    /// <summary>ISO-8601 in UTC with milliseconds, e.g. 2026-06-01T09:30:00.000Z.</summary>
    public static string Timestamp(DateTime at)
        => DateTime.SpecifyKind(at, at.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : at.Kind).ToUniversalTime()
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A number as written by the round-trip format, independent of the host's culture.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer, independent of the host's culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
