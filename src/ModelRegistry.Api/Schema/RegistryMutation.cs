using GraphQL.Types;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Lineage;
using ModelRegistry.Api.Models;
using ModelRegistry.Api.Versions;

namespace ModelRegistry.Api.Schema;

/// <summary>The Mutation root, assembled from the feature folders.</summary>
public sealed class RegistryMutation : ObjectGraphType
{
    /// <summary>Adds each feature's mutations; every one states its input's reason to the write path.</summary>
    public RegistryMutation()
    {
        Name = "Mutation";
        ModelMutations.AddTo(this);
        VersionMutations.AddTo(this);
        DatasetMutations.AddTo(this);
        LineageMutations.AddTo(this);
        DeploymentMutations.AddTo(this);
        Governance.GovernanceMutations.AddTo(this);
        Webhooks.WebhookMutations.AddTo(this);
        Artifacts.ArtifactMutations.AddTo(this);
        Monitoring.MonitoringMutations.AddTo(this);
        Common.MutationReasons.StateFromInputs(this);
    }
}
