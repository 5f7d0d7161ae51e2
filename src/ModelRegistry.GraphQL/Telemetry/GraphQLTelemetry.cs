using System.Diagnostics;

namespace ModelRegistry.GraphQL.Telemetry;

/// <summary>The toolkit's trace spans: one per GraphQL operation, named by its type and name, never carrying variables.</summary>
public static class GraphQLTelemetry
{
    /// <summary>The name of the toolkit's activity source and meter.</summary>
    public const string Name = "ModelRegistry.GraphQL";

    /// <summary>The source of the operation spans.</summary>
    public static readonly ActivitySource Source = new(Name);
}
