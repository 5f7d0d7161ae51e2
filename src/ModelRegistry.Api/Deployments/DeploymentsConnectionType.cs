using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Deployments;

/// <summary><c>DeploymentsConnection</c> / <c>DeploymentsEdge</c>.</summary>
public sealed class DeploymentsConnectionType() : ConnectionType<DeploymentType>("Deployments");
