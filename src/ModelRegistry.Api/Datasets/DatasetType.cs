using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Datasets;

/// <summary>The <c>Dataset</c> node.</summary>
public sealed class DatasetType : ObjectGraphType<Dataset>
{
    /// <summary>Declares the fields.</summary>
    public DatasetType()
    {
        Name = "Dataset";
        Interface<NodeInterfaceType>();
        Description = "A named data set whose versions models are trained and evaluated on.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.Dataset, c.Source.Id));
        Field(d => d.Name);
        Field(d => d.Description, nullable: true);
        Field(d => d.Owner, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DatasetVersionsConnectionType>("versions")
            .Description("The dataset's versions, in the order registered unless `order` says otherwise.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DatasetVersionFilterInput))
            .SortArgument(typeof(DatasetVersionSortInput))
            .Resolve(c => c.PageFilteredForParent("dataset.versions", c.Source.Id, db => db.DatasetVersions.AsNoTracking(), v => v.DatasetId,
                v => v.Id));
    }
}
