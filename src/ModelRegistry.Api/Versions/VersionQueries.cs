using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Versions;

/// <summary>Queries of the Versions feature.</summary>
public static class VersionQueries
{
    /// <summary>Adds modelVersions.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<ModelVersionsConnectionType>("modelVersions")
            .Description("Every version of every model, in creation order.")
            .AddPagingArguments()
            .ResolveAsync(async c => await c.PageAsync(c.Db().ModelVersions.AsNoTracking(), OrderKey.By<ModelVersion, long>(v => v.Id, false, "id")));
}
