using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.Core.Audit;

/// <summary>Computes and checks the hash chain over audit events.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// SHA-256 (lower-case hex) over the previous hash and the event's canonical form: its fields, in a fixed order,
    /// length-prefixed so that no two different events serialise alike.
    /// </summary>
    public static string ComputeHash(AuditEvent e, string previousHash)
    {
        var canonical = new StringBuilder();
        Append(canonical, previousHash);
        Append(canonical, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(canonical, e.Type);
        Append(canonical, e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        Append(canonical, e.Actor);
        Append(canonical, e.Reason ?? "\0");
        Append(canonical, e.SubjectType);
        Append(canonical, e.SubjectId.ToString(CultureInfo.InvariantCulture));
        Append(canonical, e.ModelId?.ToString(CultureInfo.InvariantCulture) ?? "\0");
        Append(canonical, e.PayloadJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>Seals an event: sets its previous hash and its own hash.</summary>
    public static void Seal(AuditEvent e, string previousHash)
    {
        e.PreviousHash = previousHash;
        e.Hash = ComputeHash(e, previousHash);
    }

    /// <summary>Checks that an event matches its predecessor's hash and its own content.</summary>
    public static bool IsIntact(AuditEvent e, string expectedPreviousHash)
        => e.PreviousHash == expectedPreviousHash && e.Hash == ComputeHash(e, expectedPreviousHash);

    private static void Append(StringBuilder sb, string value)
        => sb.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
}
