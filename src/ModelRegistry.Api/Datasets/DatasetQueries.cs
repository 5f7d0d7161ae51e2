using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Datasets;

/// <summary>Queries of the Datasets feature.</summary>
public static class DatasetQueries
{
    /// <summary>Adds datasets.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<DatasetsConnectionType>("datasets")
            .Description("Every dataset, in registration order.")
            .AddForwardPagingArguments()
            .ResolveAsync(async c => await c.PageAsync(c.Db().Datasets.AsNoTracking(), OrderKey.By<Dataset, long>(d => d.Id, false, "id")));
}
