using System.Text.Json;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Core.History;

/// <summary>
/// The one place that reads audit payloads back for time travel: which alias moved where, and a deployment's status and
/// traffic. The payloads are anonymous objects serialised by the write path, so this is the class to switch to typed event
/// records when they exist.
/// </summary>
internal static class HistoryPayloads
{
    /// <summary>The alias an ALIAS_SET event names and the version it points at from then on; null when the payload lacks either.</summary>
    public static (string Alias, long ModelVersionId)? AliasTarget(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        var root = payload.RootElement;
        return String(root, "alias") is { } alias && Number(root, "modelVersionId") is { } versionId ? (alias, versionId) : null;
    }

    /// <summary>The traffic share of a DEPLOYMENT_RECORDED or DEPLOYMENT_UPDATED event, after it.</summary>
    public static int? TrafficPercent(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        return Number(payload.RootElement, "trafficPercent") is { } traffic ? (int)traffic : null;
    }

    /// <summary>The statuses before and after a DEPLOYMENT_UPDATED event; either is null when missing or unknown.</summary>
    public static (DeploymentStatus? From, DeploymentStatus? To) StatusChange(string payloadJson)
    {
        using var payload = JsonDocument.Parse(payloadJson);
        var root = payload.RootElement;
        return (Status(String(root, "from")), Status(String(root, "to")));
    }

    private static DeploymentStatus? Status(string? name)
        => Enum.TryParse<DeploymentStatus>(name, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : null;

    private static string? String(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static long? Number(JsonElement root, string name)
        => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
           && value.TryGetInt64(out var number)
            ? number
            : null;
}
