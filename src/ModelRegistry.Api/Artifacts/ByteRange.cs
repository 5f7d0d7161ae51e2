using Microsoft.Net.Http.Headers;

namespace ModelRegistry.Api.Artifacts;

/// <summary>The bytes a download serves: all of them, one satisfiable range (206), or none (416).</summary>
public readonly record struct ByteRange(long First, long Last, bool Partial, bool Satisfiable)
{
    /// <summary>Number of bytes served.</summary>
    public long Length => Last - First + 1;

    /// <summary>
    /// Reads a <c>Range</c> header against a size. Only single byte ranges are honoured; a malformed header or several
    /// ranges are ignored and the whole file is served, as RFC 9110 allows.
    /// </summary>
    public static ByteRange Of(string? header, long size)
    {
        var whole = new ByteRange(0, size - 1, false, true);
        if (string.IsNullOrEmpty(header) || !RangeHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || parsed.Ranges.Count != 1)
            return whole;
        var range = parsed.Ranges.Single();
        if (range.From is { } from)
        {
            if (from >= size)
                return new ByteRange(0, -1, true, false);
            var last = range.To is { } to ? Math.Min(to, size - 1) : size - 1;
            return new ByteRange(from, last, true, true);
        }
        var suffix = range.To ?? 0;
        return suffix <= 0 || size == 0
            ? new ByteRange(0, -1, true, false)
            : new ByteRange(Math.Max(0, size - suffix), size - 1, true, true);
    }
}
