using System.Text.Json;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Events;

/// <summary>
/// An event's payload as clients see it (<c>RegistryEvent.payload</c> and the webhook body): every database key it holds
/// becomes the global ID that <c>node(id:)</c> and the mutations accept.
/// </summary>
/// <remarks>
/// The log keeps raw keys: the audit chain hashes the stored payload, so chains already written must keep verifying,
/// and the state replay reads the stored form. The keys are translated here, at the edge, instead. A property is
/// translated by its name, wherever it is nested: add a row below when an event gains a property that holds a key.
/// </remarks>
public static class EventPayload
{
    // Properties holding one key, or an array of keys, of one node type.
    private static readonly Dictionary<string, string> KeyProperties = new(StringComparer.Ordinal)
    {
        ["modelId"] = NodeTypes.Model,
        ["modelVersionId"] = NodeTypes.ModelVersion,
        ["previousModelVersionId"] = NodeTypes.ModelVersion,
        ["datasetId"] = NodeTypes.Dataset,
        ["datasetVersionId"] = NodeTypes.DatasetVersion,
        ["trainedOn"] = NodeTypes.DatasetVersion,
        ["deploymentId"] = NodeTypes.Deployment,
        ["consumerApplicationId"] = NodeTypes.ConsumerApplication,
        ["promotionRequestId"] = NodeTypes.PromotionRequest,
        ["lineageEdgeId"] = NodeTypes.LineageEdge,
        ["driftAlertId"] = NodeTypes.DriftAlert,
        ["artifactId"] = NodeTypes.Artifact,
        ["webhookId"] = NodeTypes.Webhook,
    };

    // Properties holding a "Kind:key" node reference (the ends of a lineage edge); the kinds are node type names.
    private static readonly HashSet<string> NodeReferenceProperties = new(StringComparer.Ordinal) { "source", "target" };

    private static readonly HashSet<string> ReferableTypes =
        [NodeTypes.ModelVersion, NodeTypes.DatasetVersion, NodeTypes.Deployment, NodeTypes.ConsumerApplication];

    /// <summary>The stored payload with its keys as global IDs.</summary>
    public static JsonElement ForClients(string payloadJson)
    {
        using var stored = JsonDocument.Parse(payloadJson);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            Write(json, stored.RootElement, null);
        return JsonSerializer.Deserialize<JsonElement>(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, JsonElement value, string? property)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var member in value.EnumerateObject())
                {
                    json.WritePropertyName(member.Name);
                    Write(json, member.Value, member.Name);
                }
                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                    Write(json, item, property);
                json.WriteEndArray();
                break;
            case JsonValueKind.Number when property is not null && KeyProperties.TryGetValue(property, out var type) && value.TryGetInt64(out var key):
                json.WriteStringValue(GlobalId.Encode(type, key));
                break;
            case JsonValueKind.String when property is not null && NodeReferenceProperties.Contains(property) && NodeReference(value.GetString()!) is { } id:
                json.WriteStringValue(id);
                break;
            default:
                value.WriteTo(json);
                break;
        }
    }

    private static string? NodeReference(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && ReferableTypes.Contains(text[..colon]) && long.TryParse(text[(colon + 1)..], out var key)
            ? GlobalId.Encode(text[..colon], key)
            : null;
    }
}
