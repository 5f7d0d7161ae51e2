using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Models;

/// <summary><c>ModelsConnection</c> / <c>ModelsEdge</c>.</summary>
public sealed class ModelsConnectionType() : ConnectionType<ModelType>("Models");
