using GraphQL.Types;
using ModelRegistry.Api.Models;

namespace ModelRegistry.Api.Schema;

/// <summary>The Query root, assembled from the feature folders.</summary>
public sealed class RegistryQuery : ObjectGraphType
{
    /// <summary>Adds each feature's query fields.</summary>
    public RegistryQuery()
    {
        Name = "Query";
        ModelQueries.AddTo(this);
    }
}
