using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Core.History;

/// <summary>What time travel reads from audit payloads: which alias moved where, and a deployment's status and traffic.</summary>
internal static class HistoryPayloads
{
    /// <summary>The alias an ALIAS_SET event names and the version it points at from then on; null when the payload lacks either.</summary>
    public static (string Alias, long ModelVersionId)? AliasTarget(string payloadJson)
        => ChainedEventJson.Read<AliasSet>(payloadJson) is { Alias: { } alias, ModelVersionId: var versionId } ? (alias, versionId) : null;

    /// <summary>The traffic share of a DEPLOYMENT_RECORDED or DEPLOYMENT_UPDATED event, after it.</summary>
    public static int? TrafficPercent(string type, string payloadJson)
        => type == Audit.EventTypes.DeploymentRecorded
            ? ChainedEventJson.Read<DeploymentRecorded>(payloadJson)?.TrafficPercent
            : ChainedEventJson.Read<DeploymentUpdated>(payloadJson)?.TrafficPercent;

    /// <summary>The statuses before and after a DEPLOYMENT_UPDATED event; either is null when missing or unknown.</summary>
    public static (DeploymentStatus? From, DeploymentStatus? To) StatusChange(string payloadJson)
        => ChainedEventJson.Read<DeploymentUpdated>(payloadJson) is { } updated ? (DeploymentStatuses.Parse(updated.From), DeploymentStatuses.Parse(updated.To)) : (null, null);
}
