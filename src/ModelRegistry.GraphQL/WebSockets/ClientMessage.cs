using System.Text.Json;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>A client message of either WebSocket protocol: a JSON object with a string type, an optional string id and an optional payload.</summary>
internal readonly record struct ClientMessage(string Type, string? Id, JsonElement? Payload)
{
    public static bool TryParse(string text, out ClientMessage message)
    {
        message = default;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
                return false;

            string? id = null;
            if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
            {
                if (idElement.ValueKind != JsonValueKind.String)
                    return false;
                id = idElement.GetString();
            }

            JsonElement? payload = root.TryGetProperty("payload", out var payloadElement)
                && payloadElement.ValueKind != JsonValueKind.Null
                    ? payloadElement.Clone()
                    : null;
            message = new ClientMessage(type.GetString()!, id, payload);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a type or id holding a lone surrogate escape, which no .NET string can carry.
            return false;
        }
    }
}
