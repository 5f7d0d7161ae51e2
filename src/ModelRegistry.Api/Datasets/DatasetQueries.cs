using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Datasets;

/// <summary>Queries of the Datasets feature.</summary>
public static class DatasetQueries
{
    /// <summary>Adds datasets.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<DatasetsConnectionType>("datasets")
            .Description("Every dataset, in registration order unless `order` says otherwise.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DatasetFilterInput))
            .SortArgument(typeof(DatasetSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().Datasets.AsNoTracking(), d => d.Id));
}
