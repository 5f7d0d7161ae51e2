using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Deployments;

/// <summary>Queries of the Deployments feature.</summary>
public static class DeploymentQueries
{
    /// <summary>Adds deployments.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<DeploymentsConnectionType>("deployments")
            .Description("Every deployment, in the order recorded.")
            .AddForwardPagingArguments()
            .ResolveAsync(async c => await c.PageAsync(c.Db().Deployments.AsNoTracking(), OrderKey.By<Deployment, long>(d => d.Id, false, "id")));
}
