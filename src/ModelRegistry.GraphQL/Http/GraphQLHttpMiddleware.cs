using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.PersistedOperations;
using ModelRegistry.GraphQL.Sse;

namespace ModelRegistry.GraphQL.Http;

/// <summary>Serves GraphQL over HTTP (POST and GET, single and batched) at the endpoint path, per the GraphQL-over-HTTP spec.</summary>
/// <remarks>
/// WebSocket upgrades, requests that prefer an event stream and browser page loads (GET preferring <c>text/html</c> with
/// no query) are left to the next middleware, where the other transports and the IDE live. A subscription from a client
/// that accepts an event stream as much as JSON is handed to the SSE transport (<see cref="GraphQLMediaTypes.EventStream"/>).
/// </remarks>
public sealed class GraphQLHttpMiddleware(
    RequestDelegate next,
    GraphQLRequestExecutor executor,
    IGraphQLSerializer serializer,
    ILogger<GraphQLHttpMiddleware> logger)
{
    private readonly GraphQLHttpRequestReader _reader = new(serializer);

    /// <summary>Handles the request when it is a GraphQL-over-HTTP request at the endpoint path.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsOurs(context))
        {
            await next(context);
            return;
        }
        try
        {
            await HandleAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody left to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "GraphQL HTTP request failed unexpectedly");
            context.Response.Clear();
            await WriteRefusalAsync(context, GraphQLMediaTypes.Json,
                new HttpRefusal(StatusCodes.Status500InternalServerError, ErrorCodes.InternalServerError, CodedErrorInfoProvider.GenericMessage));
        }
    }

    private bool IsOurs(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.Equals(executor.Options.Path, StringComparison.OrdinalIgnoreCase) || context.WebSockets.IsWebSocketRequest)
            return false;
        if (GraphQLMediaTypes.EventStream(request) == EventStreamPreference.Preferred)
            return false;
        var isPageLoad = HttpMethods.IsGet(request.Method)
                         && !request.Query.ContainsKey("query")
                         && !request.Query.ContainsKey("sdl")
                         && GraphQLMediaTypes.Prefers(request, "text/html");
        return !isPageLoad;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRefusalAsync(context, GraphQLMediaTypes.Json, new HttpRefusal(StatusCodes.Status405MethodNotAllowed,
                ErrorCodes.MethodNotAllowed, $"HTTP {request.Method} is not supported here; use GET or POST."));
            return;
        }
        if (isGet && request.Query.ContainsKey("sdl"))
        {
            await WriteSchemaAsync(context);
            return;
        }
        var mediaType = GraphQLMediaTypes.Negotiate(request);
        if (mediaType is null)
        {
            await WriteRefusalAsync(context, GraphQLMediaTypes.Json, new HttpRefusal(StatusCodes.Status406NotAcceptable, ErrorCodes.NotAcceptable,
                $"None of the accepted media types can be produced; accept '{GraphQLMediaTypes.GraphQLResponseJson}' or '{GraphQLMediaTypes.Json}'."));
            return;
        }
        var read = isGet
            ? _reader.ReadGet(request)
            : await _reader.ReadPostAsync(request, executor.Options.MaxBatchSize, context.RequestAborted);
        if (read.Refusal is not null)
        {
            await WriteRefusalAsync(context, mediaType, read.Refusal);
            return;
        }
        if (StreamsInstead(request, read))
        {
            await SseTransport.HandleAsync(context, read.Requests[0]);
            return;
        }
        var userContext = await executor.CreateUserContextAsync(context);
        var results = new List<ExecutionResult>(read.Requests.Count);
        foreach (var graphQLRequest in read.Requests)
            results.Add(await ExecuteAsync(graphQLRequest, context, userContext, isGet));

        if (read.IsBatch)
        {
            // Each entry carries its own errors; the batch as a whole was well-formed.
            await WriteAsync(context, StatusCodes.Status200OK, mediaType, results);
            return;
        }
        var result = results[0];
        if (isGet && result.Errors?.Any(e => e is OperationNotAllowedOverGetError) == true)
        {
            context.Response.Headers.Allow = "POST";
            await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, mediaType, result);
            return;
        }
        var status = result.Errors?.OfType<PersistedOperationError>().FirstOrDefault() is { } persisted
            ? persisted.StatusCode
            : !result.Executed && mediaType == GraphQLMediaTypes.GraphQLResponseJson
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
        await WriteAsync(context, status, mediaType, result);
    }

    // A client that accepts JSON and an event stream equally gets JSON for a query or mutation, but a subscription has no
    // JSON answer: it streams.
    private bool StreamsInstead(HttpRequest request, HttpGraphQLRequests read)
        => !read.IsBatch
           && GraphQLMediaTypes.EventStream(request) == EventStreamPreference.Accepted
           && RequestedOperation.IsSubscription(DocumentOf(read.Requests[0]), read.Requests[0].OperationName, executor.Options.Limits.MaxTokens);

    private string? DocumentOf(GraphQLRequest request)
        => executor.PersistedOperations is { } persisted ? persisted.DocumentOf(request) : request.Query;

    private Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, HttpContext context, GraphQLUserContext userContext, bool isGet)
        => executor.ExecuteAsync(request, context, userContext, options =>
            options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules)
                .Append(isGet ? QueryOnlyOverGetRule.Instance : SubscriptionNeedsStreamRule.Instance), context.RequestAborted);

    private async Task WriteSchemaAsync(HttpContext context)
    {
        var schema = executor.Schema;
        schema.Initialize();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = GraphQLMediaTypes.GraphQL + "; charset=utf-8";
        await context.Response.WriteAsync(schema.Print(), context.RequestAborted);
    }

    private Task WriteRefusalAsync(HttpContext context, string mediaType, HttpRefusal refusal)
    {
        var result = new ExecutionResult { Errors = [new ExecutionError(refusal.Message) { Code = refusal.Code }] };
        return refusal.BatchSize is { } size
            ? WriteAsync(context, refusal.StatusCode, mediaType, Enumerable.Repeat(result, size).ToList())
            : WriteAsync(context, refusal.StatusCode, mediaType, result);
    }

    private Task WriteAsync<T>(HttpContext context, int status, string mediaType, T payload)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        return serializer.WriteAsync(context.Response.Body, payload, context.RequestAborted);
    }
}
