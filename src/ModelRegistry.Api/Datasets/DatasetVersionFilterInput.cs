using ModelRegistry.Api.Common;
using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Datasets;

/// <summary><c>DatasetVersionFilterInput</c>: the <c>where</c> of a dataset's versions.</summary>
public sealed class DatasetVersionFilterInput : FilterInputType<DatasetVersion>
{
    /// <summary>Declares the filterable fields of a dataset version.</summary>
    public DatasetVersionFilterInput()
    {
        Name = "DatasetVersionFilterInput";
        Id(v => v.Id, NodeTypes.DatasetVersion);
        Filter(v => v.Version);
        Filter(v => v.Uri);
        Filter(v => v.Sha256);
        Filter(v => v.RowCount);
        Filter(v => v.CreatedAt);
        Filter(v => v.CreatedBy);
    }
}
