using System.Buffers.Text;
using System.Text;
using GraphQL;

namespace ModelRegistry.GraphQL.Relay;

/// <summary>Opaque Relay IDs: base64 (URL-safe, unpadded) of <c>TypeName:key</c>.</summary>
public static class GlobalId
{
    /// <summary>The error code a malformed ID is refused with.</summary>
    public const string MalformedCode = "INVALID_ARGUMENT";

    /// <summary>Encodes a type name and key into an opaque ID.</summary>
    public static string Encode(string typeName, string key)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{key}"));

    /// <summary>Encodes a type name and integer key into an opaque ID.</summary>
    public static string Encode(string typeName, long key)
        => Encode(typeName, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Decodes an ID, or returns false when it is not one of ours.</summary>
    public static bool TryDecode(string? id, out string typeName, out string key)
    {
        typeName = key = "";
        if (string.IsNullOrEmpty(id) || id.Length > 512)
            return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        typeName = text[..colon];
        key = text[(colon + 1)..];
        return true;
    }

    /// <summary>Decodes an ID of an expected type into its integer key, throwing a coded error otherwise.</summary>
    public static long DecodeLong(string id, string expectedType)
    {
        if (!TryDecode(id, out var type, out var key) || !long.TryParse(key, out var value))
            throw new ExecutionError($"'{id}' is not a valid ID.") { Code = MalformedCode };
        if (type != expectedType)
            throw new ExecutionError($"ID '{id}' identifies a {type}, not a {expectedType}.") { Code = MalformedCode };
        return value;
    }

    /// <summary>Decodes an ID of an expected type into its integer key, or returns false.</summary>
    public static bool TryDecodeLong(string? id, string expectedType, out long value)
    {
        value = 0;
        return TryDecode(id, out var type, out var key) && type == expectedType && long.TryParse(key, out value);
    }
}
