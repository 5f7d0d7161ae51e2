using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Deployments;

/// <summary><c>DeploymentSortInput</c>: one key of a deployment ordering, possibly a key of the deployed version.</summary>
/// <remarks>Only non-null members: keyset cursors cannot seek past a null key. Statuses sort in declaration order.</remarks>
public sealed class DeploymentSortInput : SortInputType<Deployment>
{
    /// <summary>Declares the sortable fields.</summary>
    public DeploymentSortInput()
    {
        Name = "DeploymentSortInput";
        Sort(d => d.Id);
        Sort(d => d.Environment);
        Sort(EnumSortKey.Rank<Deployment, DeploymentStatus>(d => d.Status), "status");
        Sort(d => d.DeployedAt);
        Sort(d => d.DeployedBy);
        Object<ModelVersionSortInput>(d => d.ModelVersion);
    }
}
