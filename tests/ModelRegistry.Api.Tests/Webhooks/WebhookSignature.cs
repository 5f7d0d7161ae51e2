using System.Security.Cryptography;
using System.Text;

namespace ModelRegistry.Api.Tests.Webhooks;

/// <summary>Checks a delivery's signature the way a receiver would: recompute the HMAC from the raw body and the timestamp header.</summary>
public static class WebhookSignature
{
    /// <summary>Whether X-Registry-Signature is HMAC-SHA256(secret, "&lt;X-Registry-Timestamp&gt;.&lt;raw body&gt;").</summary>
    public static bool IsValid(ReceivedDelivery delivery, string secret) => IsValid(delivery.Body, delivery, secret);

    /// <summary>The same check over <paramref name="body"/>, e.g. a tampered copy.</summary>
    public static bool IsValid(byte[] body, ReceivedDelivery delivery, string secret)
    {
        var timestamp = delivery.Header("X-Registry-Timestamp");
        var signature = delivery.Header("X-Registry-Signature");
        if (timestamp is null || signature is null || !long.TryParse(timestamp, out _))
            return false;
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp + "."), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexString(mac).ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
