using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Deployments;

/// <summary><c>DeploymentFilterInput</c>: the <c>where</c> of deployment lists, reaching into the deployed version.</summary>
public sealed class DeploymentFilterInput : FilterInputType<Deployment>
{
    /// <summary>Declares the filterable fields of a deployment.</summary>
    public DeploymentFilterInput()
    {
        Name = "DeploymentFilterInput";
        Id(d => d.Id, NodeTypes.Deployment);
        Filter(d => d.Environment);
        Filter(d => d.Endpoint);
        Filter(d => d.Platform);
        Filter(d => d.Status);
        Filter(d => d.TrafficPercent);
        Filter(d => d.DeployedAt);
        Filter(d => d.DeployedBy);
        Filter(d => d.RetiredAt);
        Object<ModelVersionFilterInput>(d => d.ModelVersion);
    }
}
