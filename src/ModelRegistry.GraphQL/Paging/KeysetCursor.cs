using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>
/// Opaque keyset cursors: base64url of a JSON array holding a fingerprint of the ordering followed by the row's sort key
/// values, each as invariant text. The fingerprint lets a cursor from another ordering be told apart from a valid one.
/// </summary>
public static class KeysetCursor
{
    /// <summary>A short hash of the listed row type and the ordering's key names, directions and key types.</summary>
    public static string Fingerprint(IReadOnlyList<OrderKey> keys)
    {
        // The row type keeps a cursor of one list (say datasets by id) from being accepted by another (models by id).
        var rowType = keys.Count > 0 ? keys[0].Selector.Parameters[0].Type.FullName : "";
        var text = rowType + "#" + string.Join('|', keys.Select(k => $"{k.Name}:{(k.Descending ? "desc" : "asc")}:{k.Selector.ReturnType.Name}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 6));
    }

    /// <summary>Encodes the key values of one row.</summary>
    public static string Encode(string fingerprint, IReadOnlyList<object?> values)
    {
        var parts = new string?[values.Count + 1];
        parts[0] = fingerprint;
        for (var i = 0; i < values.Count; i++)
            parts[i + 1] = Format(values[i]);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(parts));
    }

    /// <summary>Decodes a cursor into typed key values, or returns false when it is malformed or from another ordering.</summary>
    public static bool TryDecode(string cursor, IReadOnlyList<OrderKey> keys, string fingerprint, out object[] values)
    {
        values = [];
        string?[]? parts;
        try
        {
            parts = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
        if (parts is null || parts.Length != keys.Count + 1 || parts[0] != fingerprint)
            return false;
        values = new object[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (parts[i + 1] is not { } text || !TryParse(text, keys[i].Selector.ReturnType, out values[i]))
                return false;
        }
        return true;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Enum e => e.ToString("D"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static bool TryParse(string text, Type type, out object value)
    {
        var invariant = CultureInfo.InvariantCulture;
        bool ok;
        (ok, value) = type switch
        {
            _ when type == typeof(string) => (true, text),
            _ when type == typeof(int) => (int.TryParse(text, NumberStyles.Integer, invariant, out var v), v),
            _ when type == typeof(long) => (long.TryParse(text, NumberStyles.Integer, invariant, out var v), v),
            _ when type == typeof(double) => (double.TryParse(text, NumberStyles.Float, invariant, out var v), v),
            _ when type == typeof(float) => (float.TryParse(text, NumberStyles.Float, invariant, out var v), v),
            _ when type == typeof(decimal) => (decimal.TryParse(text, NumberStyles.Number, invariant, out var v), v),
            _ when type == typeof(bool) => (bool.TryParse(text, out var v), v),
            _ when type == typeof(DateTime) => (DateTime.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out var v), v),
            _ when type == typeof(DateTimeOffset) => (DateTimeOffset.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out var v), v),
            _ when type.IsEnum => ParseEnum(text, type),
            _ => (false, (object)text),
        };
        return ok;
    }

    private static (bool, object) ParseEnum(string text, Type type)
    {
        // Only the numeric form written by Format is accepted, so a forged name or an undefined number is refused.
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return (false, text);
        var value = Enum.ToObject(type, number);
        return (Enum.IsDefined(type, value), value);
    }
}
