using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Datasets;

/// <summary><c>DatasetsConnection</c> / <c>DatasetsEdge</c>.</summary>
public sealed class DatasetsConnectionType() : ConnectionType<DatasetType>("Datasets");

/// <summary><c>DatasetVersionsConnection</c> / <c>DatasetVersionsEdge</c>.</summary>
public sealed class DatasetVersionsConnectionType() : ConnectionType<DatasetVersionType>("DatasetVersions");
