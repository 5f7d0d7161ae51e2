using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Datasets;

/// <summary><c>DatasetVersionSortInput</c>: one key of a dataset-version ordering.</summary>
/// <remarks>Only non-null members: keyset cursors cannot seek past a null key.</remarks>
public sealed class DatasetVersionSortInput : SortInputType<DatasetVersion>
{
    /// <summary>Declares the sortable fields.</summary>
    public DatasetVersionSortInput()
    {
        Name = "DatasetVersionSortInput";
        Sort(v => v.Id);
        Sort(v => v.Version);
        Sort(v => v.CreatedAt);
        Sort(v => v.CreatedBy);
    }
}
