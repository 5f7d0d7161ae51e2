using GraphQL.Types;
using ModelRegistry.Core.Models;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Models;

/// <summary>The <c>KeyValueTag</c> type: a key/value tag of a model or version (MLflow's tags).</summary>
public sealed class KeyValueTagType : ObjectGraphType<KeyValueDraft>
{
    /// <summary>Declares the fields.</summary>
    public KeyValueTagType()
    {
        Name = "KeyValueTag";
        Description = "A key/value tag, as MLflow clients set them; the value may be empty.";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(c => c.Source.Value ?? "");
    }
}

/// <summary><c>ModelKeyValueTagFilterInput</c>: tests one key/value tag of a model (inside <c>keyValueTags: { some: … }</c>).</summary>
public sealed class ModelKeyValueTagFilterInput : FilterInputType<ModelKeyValueTag>
{
    /// <summary>Declares the filterable fields.</summary>
    public ModelKeyValueTagFilterInput()
    {
        Name = "ModelKeyValueTagFilterInput";
        Filter(t => t.Key);
        Filter(t => t.Value);
    }
}

/// <summary><c>VersionKeyValueTagFilterInput</c>: tests one key/value tag of a version (inside <c>keyValueTags: { some: … }</c>).</summary>
public sealed class VersionKeyValueTagFilterInput : FilterInputType<VersionKeyValueTag>
{
    /// <summary>Declares the filterable fields.</summary>
    public VersionKeyValueTagFilterInput()
    {
        Name = "VersionKeyValueTagFilterInput";
        Filter(t => t.Key);
        Filter(t => t.Value);
    }
}
