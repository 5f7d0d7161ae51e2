using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Versions;

/// <summary><c>ModelVersionSortInput</c>: one key of a version ordering, possibly a key of the version's model.</summary>
/// <remarks>Only non-null members: keyset cursors cannot seek past a null key. Stages sort in lifecycle order.</remarks>
public sealed class ModelVersionSortInput : SortInputType<ModelVersion>
{
    /// <summary>Declares the sortable fields.</summary>
    public ModelVersionSortInput()
    {
        Name = "ModelVersionSortInput";
        Sort(v => v.Id);
        Sort(v => v.Number);
        Sort(EnumSortKey.Rank<ModelVersion, ModelStage>(v => v.Stage), "stage");
        Sort(v => v.CreatedAt);
        Sort(v => v.CreatedBy);
        Object<ModelSortInput>(v => v.Model);
    }
}
