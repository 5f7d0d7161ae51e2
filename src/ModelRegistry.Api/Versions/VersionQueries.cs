using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Versions;

/// <summary>Queries of the Versions feature.</summary>
public static class VersionQueries
{
    /// <summary>Adds modelVersions.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<ModelVersionsConnectionType>("modelVersions")
            .Description("Every version of every model, in creation order unless `order` says otherwise.")
            .AddPagingArguments()
            .FilterArgument(typeof(ModelVersionFilterInput))
            .SortArgument(typeof(ModelVersionSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().ModelVersions.AsNoTracking(), v => v.Id));
}
