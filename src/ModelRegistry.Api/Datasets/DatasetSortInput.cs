using ModelRegistry.Core.Datasets;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Datasets;

/// <summary><c>DatasetSortInput</c>: one key of a dataset ordering.</summary>
/// <remarks>Only non-null members: keyset cursors cannot seek past a null key.</remarks>
public sealed class DatasetSortInput : SortInputType<Dataset>
{
    /// <summary>Declares the sortable fields.</summary>
    public DatasetSortInput()
    {
        Name = "DatasetSortInput";
        Sort(d => d.Id);
        Sort(d => d.Name);
        Sort(d => d.CreatedAt);
        Sort(d => d.CreatedBy);
    }
}
