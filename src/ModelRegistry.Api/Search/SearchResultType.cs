using GraphQL.Types;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Models;
using ModelRegistry.Api.Versions;

namespace ModelRegistry.Api.Search;

/// <summary>The <c>SearchResult</c> union: whatever the search index can find.</summary>
public sealed class SearchResultType : UnionGraphType
{
    /// <summary>Lists the members.</summary>
    public SearchResultType()
    {
        Name = "SearchResult";
        Description = "A model, model version, dataset or deployment found by full-text search.";
        Type<ModelType>();
        Type<ModelVersionType>();
        Type<DatasetType>();
        Type<DeploymentType>();
    }
}

/// <summary><c>SearchResultsConnection</c> / <c>SearchResultsEdge</c>.</summary>
public sealed class SearchResultsConnectionType() : ConnectionType<SearchResultType>("SearchResults");
