using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>The one serializer of audit payloads: the write path stores with it and every reader reads with it.</summary>
public static class ChainedEventJson
{
    /// <summary>camelCase properties, as the payloads have always been written; reading ignores properties a record does not know.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The stored form of <paramref name="payload"/>, serialised as its own record type.</summary>
    public static string Write(IChainedEvent payload) => JsonSerializer.Serialize(payload, payload.GetType(), Options);

    /// <summary>The payload of <paramref name="e"/> as <typeparamref name="T"/>; null when the stored text is not such an object.</summary>
    public static T? Read<T>(AuditEvent e) where T : class, IChainedEvent => Read<T>(e.PayloadJson);

    /// <summary>The stored <paramref name="payloadJson"/> as <typeparamref name="T"/>; null when it is not such an object.</summary>
    public static T? Read<T>(string payloadJson) where T : class, IChainedEvent
    {
        try
        {
            return JsonSerializer.Deserialize<T>(payloadJson, Options);
        }
        // A payload the log holds but a record cannot read (a hand-written row, a type mismatch) is treated as saying nothing.
        catch (JsonException)
        {
            return null;
        }
    }
}
