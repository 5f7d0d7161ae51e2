using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Versions;

/// <summary><c>ModelVersionFilterInput</c>: the <c>where</c> of version lists, and of the <c>modelVersion</c> of a deployment.</summary>
public sealed class ModelVersionFilterInput : FilterInputType<ModelVersion>
{
    /// <summary>Declares the filterable fields, with the version's metrics and its model.</summary>
    public ModelVersionFilterInput()
    {
        Name = "ModelVersionFilterInput";
        Id(v => v.Id, NodeTypes.ModelVersion);
        Id(v => v.ModelId, NodeTypes.Model);
        Filter(v => v.Number);
        Filter(v => v.Stage);
        Filter(v => v.Description);
        Filter(v => v.CreatedAt);
        Filter(v => v.CreatedBy);
        Filter(v => v.Framework);
        Filter(v => v.Tags);
        Filter(v => v.DeletedAt);
        Filter(v => v.Source);
        Filter(v => v.RunId);
        ListOf<Models.VersionKeyValueTagFilterInput>(v => v.KeyValueTags);
        ListOf<MetricFilterInput>(v => v.Metrics);
        Object<ModelFilterInput>(v => v.Model);
    }
}
