using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.Core.Audit;

/// <summary>Computes and checks the hash chain over audit events.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first event.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The format of <see cref="AuditEvent.OccurredAt"/> in the canonical form: UTC, seven fractional digits.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    /// <summary>
    /// SHA-256 (lower-case hex) over the UTF-8 bytes of the event's <see cref="CanonicalForm"/>.
    /// </summary>
    public static string ComputeHash(AuditEvent e, string previousHash)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalForm(e, previousHash))));

    /// <summary>
    /// The string the hash is computed over: the previous hash and the event's fields, in a fixed order, each written as
    /// <c>{length}:{value}|</c> so that no two different events serialise alike. The length is the .NET string length,
    /// that is UTF-16 code units (an emoji counts 2), not bytes or code points; a missing reason or model is a single NUL
    /// character. docs/audit-export.md states this for auditors who recompute it.
    /// </summary>
    public static string CanonicalForm(AuditEvent e, string previousHash)
    {
        var canonical = new StringBuilder();
        Append(canonical, previousHash);
        Append(canonical, e.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(canonical, e.Type);
        Append(canonical, FormatTimestamp(e.OccurredAt));
        Append(canonical, e.Actor);
        Append(canonical, e.Reason ?? "\0");
        Append(canonical, e.SubjectType);
        Append(canonical, e.SubjectId.ToString(CultureInfo.InvariantCulture));
        Append(canonical, e.ModelId?.ToString(CultureInfo.InvariantCulture) ?? "\0");
        Append(canonical, e.PayloadJson);
        return canonical.ToString();
    }

    /// <summary>An event time as the canonical form writes it.</summary>
    public static string FormatTimestamp(DateTime occurredAt)
        => occurredAt.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);

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
