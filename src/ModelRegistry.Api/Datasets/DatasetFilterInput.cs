using ModelRegistry.Api.Common;
using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Datasets;

/// <summary><c>DatasetFilterInput</c>: the <c>where</c> of dataset lists.</summary>
public sealed class DatasetFilterInput : FilterInputType<Dataset>
{
    /// <summary>Declares the filterable fields of a dataset.</summary>
    public DatasetFilterInput()
    {
        Name = "DatasetFilterInput";
        Id(d => d.Id, NodeTypes.Dataset);
        Filter(d => d.Name);
        Filter(d => d.Description);
        Filter(d => d.Owner);
        Filter(d => d.CreatedAt);
        Filter(d => d.CreatedBy);
    }
}
