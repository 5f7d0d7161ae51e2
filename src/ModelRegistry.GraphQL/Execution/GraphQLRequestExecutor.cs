using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ModelRegistry.GraphQL.Execution;

/// <summary>Executes one GraphQL request for any transport, applying the shared endpoint options.</summary>
public sealed class GraphQLRequestExecutor(IDocumentExecuter executer, ISchema schema, IOptions<GraphQLEndpointOptions> options)
{
    /// <summary>The endpoint options in force.</summary>
    public GraphQLEndpointOptions Options => options.Value;

    /// <summary>The served schema.</summary>
    public ISchema Schema => schema;

    /// <summary>Builds the user context for a request (and, on WebSockets, its connection_init payload).</summary>
    public ValueTask<GraphQLUserContext> CreateUserContextAsync(HttpContext http, IReadOnlyDictionary<string, object?>? initPayload = null)
        => Options.UserContextFactory?.Invoke(http, initPayload)
           ?? ValueTask.FromResult(new GraphQLUserContext { User = http.User });

    /// <summary>Runs the request; <paramref name="configure"/> may add per-transport rules (e.g. no mutations over GET).</summary>
    public Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        HttpContext http,
        GraphQLUserContext userContext,
        Action<ExecutionOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var execution = new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            DocumentId = request.DocumentId,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            UserContext = userContext,
            User = userContext.User,
            RequestServices = http.RequestServices,
            CancellationToken = cancellationToken,
        };
        foreach (var step in Options.ConfigureExecution)
            step(execution, http);
        configure?.Invoke(execution);
        return executer.ExecuteAsync(execution);
    }
}
