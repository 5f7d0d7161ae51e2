using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Events;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Webhooks;

/// <summary>The body and signature headers of one webhook delivery.</summary>
public static class WebhookMessage
{
    /// <summary>The event type header.</summary>
    public const string EventHeader = "X-Registry-Event";
    /// <summary>The event sequence header; receivers dedupe on it.</summary>
    public const string SequenceHeader = "X-Registry-Sequence";
    /// <summary>The signing time header, unix seconds.</summary>
    public const string TimestampHeader = "X-Registry-Timestamp";
    /// <summary>The signature header: <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-Registry-Signature";

    /// <summary>
    /// The JSON body: the fields of <c>registryEvents</c> (sequence, type, occurredAt, actor), the subject as entityType and
    /// its global entityId, the model's global ID and the event payload as JSON, with its keys as global IDs.
    /// </summary>
    public static byte[] Body(AuditEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("type", e.Type);
            json.WriteString("occurredAt", DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc));
            json.WriteString("actor", e.Actor);
            json.WriteString("entityType", e.SubjectType);
            json.WriteString("entityId", GlobalId.Encode(e.SubjectType, e.SubjectId));
            if (e.ModelId is { } modelId)
                json.WriteString("modelId", GlobalId.Encode(NodeTypes.Model, modelId));
            else
                json.WriteNull("modelId");
            if (e.Reason is not null)
                json.WriteString("reason", e.Reason);
            json.WritePropertyName("payload");
            EventPayload.ForClients(e.PayloadJson).WriteTo(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The <see cref="SignatureHeader"/> value: HMAC-SHA256 with the secret over "&lt;timestamp&gt;.&lt;body&gt;", in lower-case hex.</summary>
    public static string Signature(string secret, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
