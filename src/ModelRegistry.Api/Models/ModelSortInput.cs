using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Models;

/// <summary><c>ModelSortInput</c>: one key of a model ordering.</summary>
/// <remarks>Only non-null members: keyset cursors cannot seek past a null key. Enums sort in declaration order.</remarks>
public sealed class ModelSortInput : SortInputType<Model>
{
    /// <summary>Declares the sortable fields.</summary>
    public ModelSortInput()
    {
        Name = "ModelSortInput";
        Sort(m => m.Id);
        Sort(m => m.Name);
        Sort(EnumSortKey.Rank<Model, ModelTask>(m => m.Task), "task");
        Sort(m => m.Owner);
        Sort(m => m.CreatedAt);
        Sort(m => m.CreatedBy);
        Sort(m => m.UpdatedAt);
    }
}
