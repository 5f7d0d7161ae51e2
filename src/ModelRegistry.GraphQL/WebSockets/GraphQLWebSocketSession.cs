using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.Telemetry;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// One accepted GraphQL socket: reads client messages in order, runs operations through the shared executor,
/// and owns every timer and subscription so that all of them end with the socket. Each operation runs in a service
/// scope of its own, under rights re-judged for it; the socket holds no rights beyond what its credential has now.
/// The two protocols differ only in message names and in how they react to a few client mistakes.
/// </summary>
internal abstract class GraphQLWebSocketSession(
    WebSocket socket,
    HttpContext http,
    GraphQLRequestExecutor executor,
    GraphQLWebSocketOptions options) : IJudgedConnection
{
    private readonly WebSocketMessageChannel channel = new(socket, options);
    private readonly ConcurrentDictionary<string, RunningOperation> operations = new(StringComparer.Ordinal);
    private readonly IGraphQLTextSerializer serializer = GraphQLSerialization.Resolve(http.RequestServices);
    private readonly IServiceScopeFactory scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
    // Released whenever an operation stops executing (it finished, or it became a subscription), to wake a waiting reader.
    private readonly SemaphoreSlim operationSettled = new(0);
    private readonly Lock rejudgeGate = new();
    private Task rejudging = Task.CompletedTask;
    private Task expiry = Task.CompletedTask;
    private volatile GraphQLUserContext? userContext;
    private int narrowings;
    private bool initReceived;

    /// <summary>The error code that ends a subscription whose connection's rights narrowed.</summary>
    public const string AuthorizationRevokedCode = "AUTHORIZATION_REVOKED";

    /// <summary>Message type of one operation result.</summary>
    protected abstract string NextType { get; }

    /// <summary>The subprotocol this session speaks, as metrics label it.</summary>
    protected abstract string Protocol { get; }

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

    /// <summary>The user context operations run with now; null until the connection is acknowledged.</summary>
    public GraphQLUserContext? UserContext => userContext;

    protected WebSocketMessageChannel Channel => channel;

    public async Task RunAsync()
    {
        var background = new[] { CloseUnlessInitialisedAsync(), KeepAliveAsync() };
        using var registration = http.RequestServices.GetService<OpenSockets>()?.Add(this);
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
            await Task.WhenAll(running.Select(o => o.Completion).Concat(background).Append(expiry).Append(CurrentRejudging()));
        }
    }

    /// <summary>Builds the user context from the connection_init payload; on refusal the connection is closed.</summary>
    protected async Task InitialiseAsync(JsonElement? payload)
    {
        if (ReadInputs(payload) is not { } initPayload)
        {
            await HandleMalformedAsync();
            return;
        }
        initReceived = true;
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
        if (userContext.ValidUntil is { } validUntil)
            expiry = CloseAtExpiryAsync(validUntil);
    }

    /// <summary>Reads a subscribe/start payload; null when it is not a GraphQL request.</summary>
    protected GraphQLRequest? ReadRequest(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } element || HasUnreadableValue(element, "variables") || HasUnreadableValue(element, "extensions"))
            return null;
        try
        {
            var request = serializer.ReadNode<GraphQLRequest>(element);
            return request is not null && (request.Query is not null || PersistedOperations.PersistedOperationResolver.NamesPersistedOperation(request)) ? request : null;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return null;
        }
    }

    /// <summary>Reads a connection_init payload (no payload reads as empty); null when it cannot be read as input values.</summary>
    private Inputs? ReadInputs(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } element)
            return Inputs.Empty;
        if (GraphQLHttpRequestReader.Problem(element, "payload") is not null)
            return null;
        try
        {
            return serializer.ReadNode<Inputs>(element) ?? Inputs.Empty;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return null;
        }
    }

    // Judged as the HTTP transport judges a body: a number beyond a double read, but the operation then died without a
    // word to the client.
    private static bool HasUnreadableValue(JsonElement payload, string member)
        => payload.TryGetProperty(member, out var value) && GraphQLHttpRequestReader.Problem(value, member) is not null;

    // What the serializer throws for JSON that parsed but is no GraphQL input: ArgumentException for a key given twice,
    // OverflowException for a number beyond its type, InvalidOperationException for a lone surrogate escape. Each had
    // ended the socket without a close frame.
    private static bool IsUnreadable(Exception ex)
        => ex is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException or OverflowException;

    protected bool IsRunning(string id) => operations.ContainsKey(id);

    /// <summary>Stops an operation at the client's request; nothing more is sent for it.</summary>
    protected void StopOperation(string id)
    {
        if (operations.TryRemove(id, out var operation))
            operation.Cancel();
    }

    /// <summary>
    /// Starts an operation in the background so the socket keeps reading (and can stop it) meanwhile. With every slot
    /// taken, the reader waits while some operation is still executing (queries and mutations end within the execution
    /// timeout, so a client multiplexing many gets them all answered); only open subscriptions make it refuse.
    /// </summary>
    protected async Task StartOperationAsync(string id, GraphQLRequest request)
    {
        while (operations.Count >= options.MaxOperationsPerConnection)
        {
            if (operations.Values.All(o => o.Streaming))
            {
                var limit = new ExecutionError(
                    $"This connection already holds {options.MaxOperationsPerConnection} subscriptions, the most allowed.")
                {
                    Code = "SUBSCRIPTION_LIMIT_EXCEEDED",
                };
                await SendErrorsAsync(id, [limit]);
                return;
            }
            await operationSettled.WaitAsync(channel.Lifetime);
        }
        var operation = new RunningOperation(id, channel.Lifetime);
        operations[id] = operation;
        operation.Completion = RunOperationAsync(operation, request);
    }

    /// <summary>Re-judges the connection now, in the background; subscription results wait for the verdict.</summary>
    public void Rejudge()
    {
        lock (rejudgeGate)
        {
            var previous = rejudging;
            // Off the caller's thread: the caller may be publishing under the registry's write lock.
            rejudging = Task.Run(async () =>
            {
                await previous;
                await RejudgeNowAsync();
            });
        }
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
            // Operations of one socket run at once and must not share a DbContext; each also reads what was committed
            // before it started, not what the socket saw when it opened.
            await using var scope = scopes.CreateAsyncScope();
            if (await AuthoriseAsync(scope.ServiceProvider, operation.Id, operation.Token) is not { } authorised)
                return;
            var (context, generation) = authorised;
            operation.Narrowings = generation;
            var result = await executor.ExecuteAsync(
                request, http, context, cancellationToken: operation.Token, shareable: true, services: scope.ServiceProvider);
            if (result.Streams?.Values.FirstOrDefault() is { } stream)
            {
                operation.Streaming = true;
                operationSettled.Release();
                // Rights may have narrowed while it was being set up; it must not deliver under the old ones. It still
                // attaches (and at once leaves), since a shared stream ends only when every subscriber that joined has left.
                if (operation.Narrowings != Volatile.Read(ref narrowings))
                    await EndRevokedAsync(operation);
                await PumpAsync(operation, stream);
            }
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
            operationSettled.Release();
        }
    }

    /// <summary>
    /// The user context one operation runs with, judged in the operation's scope, and how many narrowings of the
    /// connection's rights it already reflects. Null when the connection was refused (the socket is closing with 4403)
    /// or its rights could not be checked (the operation got an error).
    /// </summary>
    private async Task<(GraphQLUserContext Context, int Generation)?> AuthoriseAsync(
        IServiceProvider services, string? operationId, CancellationToken cancellationToken)
    {
        var current = userContext!;
        var generation = Volatile.Read(ref narrowings);
        executor.Options.PrepareScope?.Invoke(services, current);
        if (executor.Options.RenewUserContext is not { } renew)
            return (current, generation);
        try
        {
            var renewed = await renew(services, current, cancellationToken);
            return (renewed.Context, await AdoptAsync(current, renewed) ?? generation);
        }
        catch (ConnectionRejectedException ex)
        {
            await RejectConnectionAsync(ex.Message);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or WebSocketException))
        {
            if (operationId is not null)
                await SendErrorsAsync(operationId, [new ExecutionError("The connection's rights could not be checked.") { Code = "INTERNAL_SERVER_ERROR" }]);
        }
        return null;
    }

    private async Task RejudgeNowAsync()
    {
        if (channel.Closing || !Acknowledged)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await AuthoriseAsync(scope.ServiceProvider, null, channel.Lifetime);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket ended meanwhile.
        }
    }

    /// <summary>
    /// Makes a renewed context the connection's. When it reads less, the subscriptions started earlier end, and the
    /// narrowing's number is returned: operations judged before it must not start delivering.
    /// </summary>
    private async Task<int?> AdoptAsync(GraphQLUserContext judged, RenewedUserContext renewed)
    {
        if (ReferenceEquals(renewed.Context, judged))
            return null;
        userContext = renewed.Context;
        if (!renewed.Narrowed)
            return null;
        var now = Interlocked.Increment(ref narrowings);
        foreach (var operation in operations.Values.Where(o => o.Streaming && o.Narrowings < now))
            await EndRevokedAsync(operation);
        return now;
    }

    /// <summary>Ends a subscription whose rights were narrowed; the client may subscribe again under the current ones.</summary>
    private async Task EndRevokedAsync(RunningOperation operation)
    {
        if (!operations.TryRemove(KeyValuePair.Create(operation.Id, operation)))
            return;
        operation.Cancel();
        await SendErrorsAsync(operation.Id,
        [
            new ExecutionError("The connection's rights changed since this subscription started; subscribe again to receive what they allow now.")
            {
                Code = AuthorizationRevokedCode,
            },
        ]);
    }

    private Task CurrentRejudging()
    {
        lock (rejudgeGate)
            return rejudging;
    }

    private async Task CloseAtExpiryAsync(DateTimeOffset validUntil)
    {
        try
        {
            var remaining = validUntil - DateTimeOffset.UtcNow;
            // Task.Delay takes at most about 49 days; a credential valid longer is re-judged at every operation anyway.
            if (remaining > TimeSpan.FromDays(30))
                return;
            if (remaining > TimeSpan.Zero)
                await Task.Delay(remaining, channel.Lifetime);
            await RejectConnectionAsync("The credential expired.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The socket ended first.
        }
    }

    private async Task PumpAsync(RunningOperation operation, IObservable<ExecutionResult> stream)
    {
        using var feed = new SubscriptionFeed(
            options.SubscriptionBufferSize,
            options.SubscriptionBufferBytes,
            serializer,
            () => _ = channel.CloseAsync(GraphQLCloseCodes.SlowConsumer, "Subscription buffer overflow: client too slow", options.SlowConsumerCloseTimeout),
            http.RequestServices.GetService<GraphQLMetrics>(),
            Protocol);
        feed.Attach(stream);
        await foreach (var item in feed.ReadAllAsync(operation.Token))
        {
            // A revocation published before this result was produced is judged first: the result may no longer be allowed.
            await CurrentRejudging();
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
}
