using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Models;

/// <summary>Queries of the Models feature.</summary>
public static class ModelQueries
{
    /// <summary>Adds model(name) and models.</summary>
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<ModelType>("model")
            .Description("A model by its unique name.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c =>
            {
                var name = c.GetArgument<string>("name");
                return await c.Db().Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name && m.DeletedAt == null, c.CancellationToken);
            });

        query.Field<ModelsConnectionType>("models")
            .Description("Every model, in registration order unless `order` says otherwise.")
            .AddPagingArguments()
            .FilterArgument(typeof(ModelFilterInput))
            .SortArgument(typeof(ModelSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().Models.AsNoTracking(), m => m.Id));
    }
}
