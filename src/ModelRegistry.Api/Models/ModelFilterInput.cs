using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Models;

/// <summary><c>ModelFilterInput</c>: the <c>where</c> of model lists, and of the <c>model</c> of a version.</summary>
public sealed class ModelFilterInput : FilterInputType<Model>
{
    /// <summary>Declares the filterable fields of a model card.</summary>
    public ModelFilterInput()
    {
        Name = "ModelFilterInput";
        Id(m => m.Id, NodeTypes.Model);
        Filter(m => m.Name);
        Filter(m => m.DisplayName);
        Filter(m => m.Description);
        Filter(m => m.Task);
        Filter(m => m.Owner);
        Filter(m => m.Tags);
        Filter(m => m.BusinessContext);
        Filter(m => m.CreatedAt);
        Filter(m => m.CreatedBy);
        Filter(m => m.UpdatedAt);
        Filter(m => m.DeletedAt);
        ListOf<ModelKeyValueTagFilterInput>(m => m.KeyValueTags);
    }
}
