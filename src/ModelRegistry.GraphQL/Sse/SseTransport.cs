using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.Telemetry;
using ModelRegistry.GraphQL.WebSockets;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>
/// GraphQL over Server-Sent Events in distinct connections mode: one request, one stream of
/// <c>next</c> events closed by a <c>complete</c> event; the client ends a subscription by disconnecting.
/// </summary>
public static class SseTransport
{
    /// <summary>True for a GET or POST whose Accept header prefers an event stream to JSON (see <see cref="GraphQLMediaTypes.EventStream"/>).</summary>
    public static bool IsSseRequest(HttpContext context)
    {
        var request = context.Request;
        return (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method))
               && GraphQLMediaTypes.EventStream(request) == EventStreamPreference.Preferred;
    }

    /// <summary>Serves event-stream requests at <paramref name="path"/>; every other request goes to the next middleware.</summary>
    public static IApplicationBuilder UseGraphQLSse(this IApplicationBuilder app, string path = "/graphql")
        => app.Use(async (context, next) =>
        {
            if (GraphQLWebSocketEndpoint.IsAt(context.Request.Path, path) && IsSseRequest(context))
                await HandleAsync(context);
            else
                await next(context);
        });

    /// <summary>
    /// Answers one event-stream request. <paramref name="read"/> is the request the HTTP transport already read when it
    /// hands over a subscription; without it the request is read here.
    /// </summary>
    public static async Task HandleAsync(HttpContext context, GraphQLRequest? read = null)
    {
        var services = context.RequestServices;
        // An EventSource opens from any page without a preflight, so CORS alone would not keep a foreign page out.
        if (!OriginPolicy.For(services).Admits(context.Request))
        {
            await OriginPolicy.RefuseAsync(context);
            return;
        }
        var executor = services.GetRequiredService<GraphQLRequestExecutor>();
        var options = services.GetService<IOptions<GraphQLSseOptions>>()?.Value ?? new GraphQLSseOptions();
        var serializer = GraphQLSerialization.Resolve(services);

        var request = read is null ? await SseRequestReader.ReadAsync(context, serializer) : new SseRequest(read, null);
        if (request.Problem is { } problem)
        {
            await WriteProblemAsync(context, serializer, problem);
            return;
        }

        GraphQLUserContext userContext;
        try
        {
            userContext = await executor.CreateUserContextAsync(context);
        }
        catch (ConnectionRejectedException ex)
        {
            await WriteProblemAsync(context, serializer, new SseProblem(StatusCodes.Status403Forbidden, "FORBIDDEN", ex.Message));
            return;
        }

        var writer = new SseEventWriter(context);
        await writer.StartAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var keepAlive = KeepAliveAsync(writer, options.KeepAliveInterval, stop.Token);
        try
        {
            var result = await executor.ExecuteAsync(
                request.Request!, context, userContext,
                HttpMethods.IsGet(context.Request.Method) ? RefuseMutations : null,
                context.RequestAborted,
                shareable: true);
            if (result.Streams?.Values.FirstOrDefault() is { } stream)
            {
                // The stream lives on the rights it opened with only until they change: it is judged again with the sockets.
                using var judged = new JudgedEventStream(executor, services, userContext);
                using var registration = services.GetService<OpenSockets>()?.Add(judged);
                await PumpAsync(context, writer, serializer, stream, judged, options.SubscriptionBufferSize, options.SubscriptionBufferBytes);
                if (judged.Reason is { } reason)
                    await writer.WriteEventAsync("next", serializer.Serialize(new ExecutionResult { Errors = [reason] }));
            }
            else
                await writer.WriteEventAsync("next", serializer.Serialize(result));
            await writer.WriteEventAsync("complete", string.Empty);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: that is how distinct connections mode ends a subscription.
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
        }
    }

    private static async Task PumpAsync(
        HttpContext context, SseEventWriter writer, IGraphQLTextSerializer serializer,
        IObservable<ExecutionResult> stream, JudgedEventStream judged, int bufferSize, long bufferBytes)
    {
        // An event stream cannot carry a close code, so a client that falls behind is simply disconnected.
        var metrics = context.RequestServices.GetService<GraphQLMetrics>();
        using var connection = metrics?.Connection(GraphQLMetrics.SseProtocol);
        using var feed = new SubscriptionFeed(bufferSize, bufferBytes, serializer, context.Abort, metrics, GraphQLMetrics.SseProtocol);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, judged.Ended);
        feed.Attach(stream);
        try
        {
            await foreach (var item in feed.ReadAllAsync(stop.Token))
            {
                if (feed.Overflowed)
                    return;
                // A result produced after a change of rights waits for the verdict on them, and is dropped if they are gone.
                await judged.CurrentVerdict();
                if (judged.Reason is not null)
                    return;
                var result = item.Result ?? new ExecutionResult { Errors = [GraphQLSerialization.ToExecutionError(item.Error!)] };
                await writer.WriteEventAsync("next", result is SerializedExecutionResult serialized ? serialized.Json : serializer.Serialize(result));
            }
        }
        catch (OperationCanceledException) when (judged.Ended.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // The stream lost its rights while it waited for a result; the caller writes why.
        }
    }

    private static async Task KeepAliveAsync(SseEventWriter writer, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await writer.WriteCommentAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The stream ended.
        }
    }

    private static void RefuseMutations(ExecutionOptions execution)
        => execution.ValidationRules = (execution.ValidationRules ?? DocumentValidator.CoreRules).Append(QueryOnlyOverGetRule.EventStream);

    private static async Task WriteProblemAsync(HttpContext context, IGraphQLTextSerializer serializer, SseProblem problem)
    {
        context.Response.StatusCode = problem.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new ExecutionResult { Errors = [new ExecutionError(problem.Message) { Code = problem.Code }] };
        await context.Response.WriteAsync(serializer.Serialize(body), context.RequestAborted);
    }
}
