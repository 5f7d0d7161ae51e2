using GraphQL;
using GraphQL.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>Finds the serializer the application registered, so every transport writes results and errors the same way.</summary>
internal static class GraphQLSerialization
{
    private static readonly GraphQLSerializer Fallback = new();

    public static IGraphQLTextSerializer Resolve(IServiceProvider services)
        => services.GetService<IGraphQLTextSerializer>() ?? Fallback;

    /// <summary>Turns a stream failure into a coded error without leaking an unexpected exception's details.</summary>
    public static ExecutionError ToExecutionError(Exception error)
        => error as ExecutionError
           ?? new ExecutionError("The subscription stream failed.") { Code = "INTERNAL_SERVER_ERROR" };
}
