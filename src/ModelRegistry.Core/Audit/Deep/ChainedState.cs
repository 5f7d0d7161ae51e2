using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Lineage;

namespace ModelRegistry.Core.Audit.Deep;

/// <summary>A version as the chain tells it.</summary>
public sealed class ChainedVersion
{
    /// <summary>The model it belongs to.</summary>
    public long ModelId { get; init; }
    /// <summary>Its number within the model.</summary>
    public int Number { get; init; }
    /// <summary>Its stage, as chained (DEVELOPMENT…).</summary>
    public string Stage { get; set; } = "DEVELOPMENT";
    /// <summary>Its metrics at creation.</summary>
    public IReadOnlyList<ChainedMetric> Metrics { get; init; } = [];
    /// <summary>Whether its creation event carried parameters, metric datasets and edge keys (chained since events carry the state).</summary>
    public bool CarriesState { get; init; }
    /// <summary>Hyperparameters JSON text, when <see cref="CarriesState"/>.</summary>
    public string? Hyperparameters { get; init; }
    /// <summary>Training parameters JSON text, when <see cref="CarriesState"/>.</summary>
    public string? TrainingParameters { get; init; }
}

/// <summary>A deployment as the chain tells it.</summary>
public sealed class ChainedDeployment
{
    /// <summary>The version deployed; null for deployments chained before the event carried it.</summary>
    public long? ModelVersionId { get; init; }
    /// <summary>The environment.</summary>
    public string Environment { get; set; } = "";
    /// <summary>The status, as chained (ACTIVE…).</summary>
    public string Status { get; set; } = "ACTIVE";
    /// <summary>The traffic share.</summary>
    public int? TrafficPercent { get; set; }
    /// <summary>Why it does not meet its environment's policy; null when it does.</summary>
    public string? ComplianceIssue { get; set; }
}

/// <summary>A lineage edge as the chain tells it.</summary>
public sealed record ChainedEdgeState(string Relation, string Source, string Target, bool Open);

/// <summary>A role grant as the chain tells it.</summary>
public sealed record ChainedGrant(string Principal, string Role, string Scope, bool Revoked);

/// <summary>
/// The governed state rebuilt by replaying the chain in sequence: versions with their metrics and parameters, stages,
/// aliases, deployments, lineage edges, role grants and both kinds of policy. Keys are the rows' database keys, which the
/// events name as their subjects.
/// </summary>
public sealed class ChainedState
{
    /// <summary>Versions by key.</summary>
    public Dictionary<long, ChainedVersion> Versions { get; } = [];
    /// <summary>Alias targets by model and alias name.</summary>
    public Dictionary<(long ModelId, string Alias), long> Aliases { get; } = [];
    /// <summary>Deployments by key.</summary>
    public Dictionary<long, ChainedDeployment> Deployments { get; } = [];
    /// <summary>Edges by key.</summary>
    public Dictionary<long, ChainedEdgeState> Edges { get; } = [];
    /// <summary>
    /// Edges created by events chained before those carried edge keys: the chain vouches that such an edge was created,
    /// not which row it is.
    /// </summary>
    public HashSet<(string Relation, string Source, string Target)> UnkeyedEdges { get; } = [];
    /// <summary>Deployments recorded before events carried edge keys: their DEPLOYED_AS and CONSUMED_BY rows are unvouched.</summary>
    public HashSet<long> DeploymentsWithUnkeyedEdges { get; } = [];
    /// <summary>Grants by key.</summary>
    public Dictionary<long, ChainedGrant> Grants { get; } = [];
    /// <summary>Promotion policy rules by key.</summary>
    public Dictionary<long, PromotionPolicySet> PromotionPolicies { get; } = [];
    /// <summary>Deployment policy rules by key.</summary>
    public Dictionary<long, DeploymentPolicySet> DeploymentPolicies { get; } = [];
    /// <summary>Events read.</summary>
    public long Replayed { get; private set; }

    /// <summary>The event types that change governed state; the replay reads only these.</summary>
    public static readonly IReadOnlyList<string> StateTypes =
    [
        EventTypes.VersionCreated, EventTypes.StageChanged, EventTypes.AliasSet, EventTypes.AliasRemoved, EventTypes.DeploymentRecorded, EventTypes.DeploymentUpdated,
        EventTypes.DeploymentCompliant, EventTypes.DeploymentNonCompliant, EventTypes.LineageEdgeAdded, EventTypes.LineageEdgeClosed,
        EventTypes.RoleGranted, EventTypes.RoleRevoked, EventTypes.PromotionPolicySet, EventTypes.DeploymentPolicySet,
    ];

    /// <summary>Applies one event, in sequence order.</summary>
    public void Apply(AuditEvent e)
    {
        Replayed++;
        switch (e.Type)
        {
            case EventTypes.VersionCreated when ChainedEventJson.Read<VersionCreated>(e) is { } created && e.ModelId is { } modelId:
                Versions[e.SubjectId] = new ChainedVersion
                {
                    ModelId = modelId, Number = created.Number, Metrics = created.Metrics ?? [], CarriesState = created.Edges is not null,
                    Hyperparameters = created.Hyperparameters, TrainingParameters = created.TrainingParameters,
                };
                if (created.Edges is { } edges)
                    AddEdges(edges);
                else
                    foreach (var datasetVersionId in created.TrainedOn ?? [])
                        UnkeyedEdges.Add(("TRAINED_ON", LineageRules.End(LineageNodeKind.DatasetVersion, datasetVersionId), LineageRules.End(LineageNodeKind.ModelVersion, e.SubjectId)));
                break;
            case EventTypes.StageChanged when ChainedEventJson.Read<StageChanged>(e) is { } changed && Versions.TryGetValue(e.SubjectId, out var version):
                version.Stage = changed.To;
                break;
            case EventTypes.AliasSet when ChainedEventJson.Read<AliasSet>(e) is { } set:
                Aliases[(e.SubjectId, set.Alias)] = set.ModelVersionId;
                break;
            case EventTypes.AliasRemoved when ChainedEventJson.Read<AliasRemoved>(e) is { } removed:
                Aliases.Remove((e.SubjectId, removed.Alias));
                break;
            case EventTypes.DeploymentRecorded when ChainedEventJson.Read<DeploymentRecorded>(e) is { } recorded:
                Deployments[e.SubjectId] = new ChainedDeployment
                {
                    ModelVersionId = recorded.ModelVersionId, Environment = recorded.Environment, TrafficPercent = recorded.TrafficPercent,
                };
                if (recorded.Edges is { } deploymentEdges)
                    AddEdges(deploymentEdges);
                else
                    DeploymentsWithUnkeyedEdges.Add(e.SubjectId);
                break;
            case EventTypes.DeploymentUpdated when ChainedEventJson.Read<DeploymentUpdated>(e) is { } updated && Deployments.TryGetValue(e.SubjectId, out var deployment):
                deployment.Status = updated.To ?? deployment.Status;
                deployment.TrafficPercent = updated.TrafficPercent;
                break;
            case EventTypes.DeploymentCompliant or EventTypes.DeploymentNonCompliant
                when ChainedEventJson.Read<DeploymentComplianceChanged>(e) is { } compliance && Deployments.TryGetValue(e.SubjectId, out var judged):
                judged.ComplianceIssue = compliance.Issue;
                break;
            case EventTypes.LineageEdgeAdded when ChainedEventJson.Read<LineageEdgeAdded>(e) is { } added:
                Edges[e.SubjectId] = new ChainedEdgeState(added.Relation, added.Source, added.Target, Open: true);
                break;
            case EventTypes.LineageEdgeClosed when ChainedEventJson.Read<LineageEdgeClosed>(e) is { } closed:
                Edges[e.SubjectId] = Edges.TryGetValue(e.SubjectId, out var edge)
                    ? edge with { Open = false }
                    : new ChainedEdgeState(closed.Relation, closed.Source ?? "", closed.Target ?? "", Open: false);
                break;
            case EventTypes.RoleGranted when ChainedEventJson.Read<RoleChanged>(e) is { } granted:
                Grants[e.SubjectId] = new ChainedGrant(granted.Principal, granted.Role, granted.Scope, Revoked: false);
                break;
            case EventTypes.RoleRevoked when ChainedEventJson.Read<RoleChanged>(e) is { } revoked:
                Grants[e.SubjectId] = new ChainedGrant(revoked.Principal, revoked.Role, revoked.Scope, Revoked: true);
                break;
            case EventTypes.PromotionPolicySet when ChainedEventJson.Read<PromotionPolicySet>(e) is { } promotion:
                PromotionPolicies[e.SubjectId] = promotion;
                break;
            case EventTypes.DeploymentPolicySet when ChainedEventJson.Read<DeploymentPolicySet>(e) is { } deploymentPolicy:
                DeploymentPolicies[e.SubjectId] = deploymentPolicy;
                break;
        }
    }

    private void AddEdges(IEnumerable<ChainedEdge> edges)
    {
        foreach (var edge in edges)
            Edges[edge.LineageEdgeId] = new ChainedEdgeState(edge.Relation, edge.Source, edge.Target, Open: true);
    }
}
