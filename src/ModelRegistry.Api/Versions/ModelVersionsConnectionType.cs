using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Versions;

/// <summary><c>ModelVersionsConnection</c> / <c>ModelVersionsEdge</c>.</summary>
public sealed class ModelVersionsConnectionType() : ConnectionType<ModelVersionType>("ModelVersions");
