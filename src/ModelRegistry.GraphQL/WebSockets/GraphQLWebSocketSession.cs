using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Subscriptions;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// One accepted GraphQL socket: reads client messages in order, runs operations through the shared executor,
/// and owns every timer and subscription so that all of them end with the socket.
/// The two protocols differ only in message names and in how they react to a few client mistakes.
/// </summary>
internal abstract class GraphQLWebSocketSession(
    WebSocket socket,
    HttpContext http,
    GraphQLRequestExecutor executor,
    GraphQLWebSocketOptions options)
{
    private readonly WebSocketMessageChannel channel = new(socket, options);
    private readonly ConcurrentDictionary<string, RunningOperation> operations = new(StringComparer.Ordinal);
    private readonly IGraphQLTextSerializer serializer = GraphQLSerialization.Resolve(http.RequestServices);
    private GraphQLUserContext? userContext;
    private bool initReceived;

    /// <summary>Message type of one operation result.</summary>
    protected abstract string NextType { get; }

    /// <summary>Message type of the server keep-alive.</summary>
    protected abstract string KeepAliveType { get; }

    /// <summary>Handles one well-formed client message.</summary>
    protected abstract Task HandleMessageAsync(ClientMessage message);

    /// <summary>Handles text that is not a protocol message.</summary>
    protected abstract Task HandleMalformedAsync();

    /// <summary>Tells the client the init payload was refused.</summary>
    protected abstract Task RejectConnectionAsync(string reason);

    /// <summary>Tells the client the connection is accepted.</summary>
    protected abstract Task AcknowledgeAsync();

    protected bool InitReceived => initReceived;

    protected bool Acknowledged => userContext is not null;

    protected WebSocketMessageChannel Channel => channel;

    public async Task RunAsync()
    {
        var background = new[] { CloseUnlessInitialisedAsync(), KeepAliveAsync() };
        try
        {
            while (await channel.ReceiveAsync() is { } text)
            {
                if (channel.Closing)
                    continue;
                if (ClientMessage.TryParse(text, out var message))
                    await HandleMessageAsync(message);
                else
                    await HandleMalformedAsync();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the socket was aborted after a close; clean-up follows either way.
        }
        finally
        {
            var running = operations.Values.ToArray();
            foreach (var operation in running)
                operation.Cancel();
            await channel.FinishAsync();
            await Task.WhenAll(running.Select(o => o.Completion).Concat(background));
        }
    }

    /// <summary>Builds the user context from the connection_init payload; on refusal the connection is closed.</summary>
    protected async Task InitialiseAsync(JsonElement? payload)
    {
        initReceived = true;
        var initPayload = payload is { ValueKind: JsonValueKind.Object } element
            ? serializer.ReadNode<Inputs>(element) ?? Inputs.Empty
            : Inputs.Empty;
        try
        {
            userContext = await executor.CreateUserContextAsync(http, initPayload);
        }
        catch (ConnectionRejectedException ex)
        {
            await RejectConnectionAsync(ex.Message);
            return;
        }
        catch (Exception)
        {
            await channel.CloseAsync(GraphQLCloseCodes.InternalServerError, "Internal server error");
            return;
        }
        await AcknowledgeAsync();
    }

    /// <summary>Reads a subscribe/start payload; null when it is not a GraphQL request.</summary>
    protected GraphQLRequest? ReadRequest(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } element)
            return null;
        try
        {
            var request = serializer.ReadNode<GraphQLRequest>(element);
            return request is { Query: not null } or { DocumentId: not null } ? request : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return null;
        }
    }

    protected bool IsRunning(string id) => operations.ContainsKey(id);

    /// <summary>Stops an operation at the client's request; nothing more is sent for it.</summary>
    protected void StopOperation(string id)
    {
        if (operations.TryRemove(id, out var operation))
            operation.Cancel();
    }

    /// <summary>Starts an operation in the background so the socket keeps reading (and can stop it) meanwhile.</summary>
    protected async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        if (operations.Count >= options.MaxOperationsPerConnection)
        {
            var limit = new ExecutionError(
                $"This connection already runs {options.MaxOperationsPerConnection} operations, the most allowed.")
            {
                Code = "SUBSCRIPTION_LIMIT_EXCEEDED",
            };
            await SendErrorsAsync(id, [limit]);
            return;
        }
        var operation = new RunningOperation(id, channel.Lifetime);
        operations[id] = operation;
        operation.Completion = RunOperationAsync(operation, request);
    }

    protected Task SendAsync(string type, string? id = null, object? payload = null)
        => channel.SendAsync(serializer.Serialize(new OperationMessage { Type = type, Id = id, Payload = payload }));

    /// <summary>Sends one result; a result serialized once for many subscribers is spliced in as the payload.</summary>
    private Task SendResultAsync(string id, ExecutionResult result)
    {
        if (result is not SerializedExecutionResult serialized)
            return SendAsync(NextType, id, result);
        return channel.SendAsync(
            $"{{\"type\":{JsonSerializer.Serialize(NextType)},\"id\":{JsonSerializer.Serialize(id)},\"payload\":{serialized.Json}}}");
    }

    /// <summary>Reports errors that end an operation before or instead of results (the protocol's error message).</summary>
    protected Task SendErrorsAsync(string id, IEnumerable<ExecutionError> errors)
        => SendAsync("error", id, errors.ToArray());

    private async Task RunOperationAsync(RunningOperation operation, GraphQLRequest request)
    {
        await Task.Yield();
        try
        {
            var result = await executor.ExecuteAsync(request, http, userContext!, cancellationToken: operation.Token, shareable: true);
            if (result.Streams?.Values.FirstOrDefault() is { } stream)
                await PumpAsync(operation, stream);
            else if (!result.Executed)
                await SendIfRunningAsync(operation, () => SendErrorsAsync(operation.Id, result.Errors ?? []));
            else
            {
                await SendIfRunningAsync(operation, () => SendAsync(NextType, operation.Id, result));
                await SendIfRunningAsync(operation, () => SendAsync("complete", operation.Id));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Stopped by the client or by the end of the socket.
        }
        finally
        {
            operations.TryRemove(KeyValuePair.Create(operation.Id, operation));
            operation.Dispose();
        }
    }

    private async Task PumpAsync(RunningOperation operation, IObservable<ExecutionResult> stream)
    {
        using var feed = new SubscriptionFeed(
            options.SubscriptionBufferSize,
            () => _ = channel.CloseAsync(GraphQLCloseCodes.SlowConsumer, "Subscription buffer overflow: client too slow"));
        feed.Attach(stream);
        await foreach (var item in feed.ReadAllAsync(operation.Token))
        {
            if (feed.Overflowed)
                return;
            if (item.Error is { } error)
            {
                await SendIfRunningAsync(operation, () => SendErrorsAsync(operation.Id, [GraphQLSerialization.ToExecutionError(error)]));
                return;
            }
            await SendIfRunningAsync(operation, () => SendResultAsync(operation.Id, item.Result!));
        }
        if (!feed.Overflowed)
            await SendIfRunningAsync(operation, () => SendAsync("complete", operation.Id));
    }

    private static Task SendIfRunningAsync(RunningOperation operation, Func<Task> send)
        => operation.Token.IsCancellationRequested ? Task.CompletedTask : send();

    private async Task CloseUnlessInitialisedAsync()
    {
        try
        {
            await Task.Delay(options.ConnectionInitTimeout, channel.Lifetime);
            if (!initReceived)
                await channel.CloseAsync(GraphQLCloseCodes.ConnectionInitTimeout, "Connection initialisation timeout");
        }
        catch (OperationCanceledException)
        {
            // The socket ended first.
        }
    }

    private async Task KeepAliveAsync()
    {
        if (options.KeepAliveInterval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(options.KeepAliveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(channel.Lifetime))
            {
                if (Acknowledged)
                    await SendAsync(KeepAliveType);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The socket ended.
        }
    }

    /// <summary>An operation in flight and the means to stop it.</summary>
    private sealed class RunningOperation(string id, CancellationToken socketLifetime) : IDisposable
    {
        private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(socketLifetime);

        public string Id => id;

        public CancellationToken Token => stop.Token;

        public Task Completion { get; set; } = Task.CompletedTask;

        public void Cancel()
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }

        public void Dispose() => stop.Dispose();
    }
}
