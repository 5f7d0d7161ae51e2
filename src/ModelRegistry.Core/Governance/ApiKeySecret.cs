using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// API key material: <c>mr_&lt;prefix&gt;_&lt;secret&gt;</c>. The prefix is stored in clear to find the row; the key is
/// 256 random bits, so a plain SHA-256 of it (no salt, no stretching) is enough to store it safely.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>Creates a new key and returns it with its prefix and hash.</summary>
    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = $"mr_{prefix}_{secret}";
        return (key, prefix, Hash(key));
    }

    /// <summary>The prefix of a presented key, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string key)
    {
        var parts = key.Split('_', 3);
        return parts.Length == 3 && parts[0] == "mr" && parts[1].Length == 8 ? parts[1] : null;
    }

    /// <summary>SHA-256 (hex) of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares a presented key with a stored hash in constant time.</summary>
    public static bool Matches(string key, string storedHash)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
