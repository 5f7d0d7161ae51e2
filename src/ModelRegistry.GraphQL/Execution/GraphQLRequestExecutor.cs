using System.Diagnostics;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.PersistedOperations;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.Telemetry;

namespace ModelRegistry.GraphQL.Execution;

/// <summary>Executes one GraphQL request for any transport, applying the shared endpoint options.</summary>
public sealed class GraphQLRequestExecutor(
    IDocumentExecuter executer,
    ISchema schema,
    IOptions<GraphQLEndpointOptions> options,
    SharedSubscriptionHub? shared = null,
    IGraphQLTextSerializer? serializer = null,
    PersistedOperationResolver? persisted = null,
    GraphQLMetrics? metrics = null)
{
    /// <summary>The endpoint options in force.</summary>
    public GraphQLEndpointOptions Options => options.Value;

    /// <summary>The served schema.</summary>
    public ISchema Schema => schema;

    /// <summary>Finds the documents of persisted operations; null when the host serves none.</summary>
    public PersistedOperationResolver? PersistedOperations => persisted;

    /// <summary>Builds the user context for a request (and, on WebSockets, its connection_init payload).</summary>
    public ValueTask<GraphQLUserContext> CreateUserContextAsync(HttpContext http, IReadOnlyDictionary<string, object?>? initPayload = null)
        => Options.UserContextFactory?.Invoke(http, initPayload)
           ?? ValueTask.FromResult(new GraphQLUserContext { User = http.User });

    /// <summary>
    /// Runs the request; <paramref name="configure"/> may add per-transport rules (e.g. no mutations over GET).
    /// A streaming transport passes <paramref name="shareable"/> so that identical shareable subscriptions run once
    /// (see <see cref="SubscriptionSharing"/>); it must then subscribe to the returned stream. A transport that runs
    /// several operations per request (a socket) passes each one's own <paramref name="services"/> scope.
    /// A persisted operation is resolved to its document here, so every transport serves it (and only-persisted mode
    /// refuses ad-hoc documents) alike; the document then meets every validation rule and limit as any other.
    /// </summary>
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request,
        HttpContext http,
        GraphQLUserContext userContext,
        Action<ExecutionOptions>? configure = null,
        CancellationToken cancellationToken = default,
        bool shareable = false,
        IServiceProvider? services = null)
    {
        // Named once the operation is known; its variables are never recorded.
        using var span = GraphQLTelemetry.Source.StartActivity("graphql.operation");
        var started = Stopwatch.GetTimestamp();
        var capture = new OperationCapture();
        var result = await ExecuteOperationAsync(request, http, userContext, configure, capture, cancellationToken, shareable, services);
        var operation = OperationLabels.OperationOf(result, capture);
        if (metrics is not null)
            metrics.Record(result, operation, Stopwatch.GetElapsedTime(started), span);
        else
            GraphQLMetrics.Name(span, result, operation);
        return result;
    }

    private Task<ExecutionResult> ExecuteOperationAsync(
        GraphQLRequest request,
        HttpContext http,
        GraphQLUserContext userContext,
        Action<ExecutionOptions>? configure,
        OperationCapture capture,
        CancellationToken cancellationToken,
        bool shareable,
        IServiceProvider? services)
    {
        if (persisted is not null)
        {
            var resolution = persisted.Resolve(request);
            if (resolution.Error is { } refusal)
                return Task.FromResult(new ExecutionResult { Errors = [refusal], Executed = false });
            request = resolution.Request!;
        }
        if (shareable && SharingKey(request, userContext) is { } key)
            return shared!.JoinAsync(key, (hubServices, token) =>
            {
                Options.PrepareScope?.Invoke(hubServices, userContext);
                return RunAsync(request, http, hubServices, userContext, configure, capture, token);
            }, cancellationToken);
        return RunAsync(request, http, services ?? http.RequestServices, userContext, configure, capture, cancellationToken);
    }

    private string? SharingKey(GraphQLRequest request, GraphQLUserContext userContext)
    {
        if (shared is null || serializer is null || Options.SubscriptionPartition?.Invoke(userContext) is not { } partition)
            return null;
        var variables = request.Variables is { Count: > 0 } values ? serializer.Serialize(values) : string.Empty;
        return SubscriptionSharing.KeyFor(schema, request, partition, variables);
    }

    private Task<ExecutionResult> RunAsync(
        GraphQLRequest request,
        HttpContext http,
        IServiceProvider services,
        GraphQLUserContext userContext,
        Action<ExecutionOptions>? configure,
        OperationCapture capture,
        CancellationToken cancellationToken)
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
            RequestServices = services,
            CancellationToken = cancellationToken,
        };
        foreach (var step in Options.ConfigureExecution)
            step(execution, http);
        configure?.Invoke(execution);
        execution.ValidationRules = (execution.ValidationRules ?? DocumentValidator.CoreRules).Append(capture);
        return executer.ExecuteAsync(execution);
    }
}
