using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Deployments;

/// <summary>Queries of the Deployments feature.</summary>
public static class DeploymentQueries
{
    /// <summary>Adds deployments.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<DeploymentsConnectionType>("deployments")
            .Description("Every deployment, in the order recorded unless `order` says otherwise.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DeploymentFilterInput))
            .SortArgument(typeof(DeploymentSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().Deployments.AsNoTracking(), d => d.Id));
}
