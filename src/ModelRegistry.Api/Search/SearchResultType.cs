using GraphQL.Types;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Models;
using ModelRegistry.Api.Versions;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Api.Search;

/// <summary>The <c>SearchResult</c> union: whatever the search index can find.</summary>
public sealed class SearchResultType : UnionGraphType
{
    /// <summary>Lists the members.</summary>
    public SearchResultType()
    {
        Name = "SearchResult";
        Description = "A model, model version, dataset, dataset version, deployment or consumer application found by full-text search.";
        Type<ModelType>();
        Type<ModelVersionType>();
        Type<DatasetType>();
        Type<DatasetVersionType>();
        Type<DeploymentType>();
        Type<ConsumerApplicationType>();
    }
}

/// <summary>The <c>SearchResultKind</c> enum: the member types of <c>SearchResult</c>, to restrict a search to some of them.</summary>
public sealed class SearchResultKindType : EnumerationGraphType
{
    /// <summary>One value per kind the index holds; each value is the kind as the index stores it.</summary>
    public SearchResultKindType()
    {
        Name = "SearchResultKind";
        Description = "A type of search result.";
        Add("MODEL", SearchKinds.Model, "A Model: found by its name, display name, tags, description, business context or owner.");
        Add("MODEL_VERSION", SearchKinds.ModelVersion, "A ModelVersion: found by its model's name, its label (v2), tags, description or framework.");
        Add("DATASET", SearchKinds.Dataset, "A Dataset: found by its name, description or owner.");
        Add("DATASET_VERSION", SearchKinds.DatasetVersion, "A DatasetVersion: found by its dataset's name, its version label, URI or SHA-256.");
        Add("DEPLOYMENT", SearchKinds.Deployment, "A Deployment: found by its environment, its model's name and version label, endpoint or platform.");
        Add("CONSUMER_APPLICATION", SearchKinds.ConsumerApplication, "A ConsumerApplication: found by its name or owner.");
    }
}

/// <summary><c>SearchResultsConnection</c> / <c>SearchResultsEdge</c>.</summary>
public sealed class SearchResultsConnectionType() : ConnectionType<SearchResultType>("SearchResults");
