using System.Net.WebSockets;
using GraphQL;
using Microsoft.AspNetCore.Http;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// The legacy subscriptions-transport-ws protocol (subprotocol graphql-ws). Its clients expect mistakes to be
/// reported as connection_error messages on an open socket, so only init problems close it.
/// </summary>
internal sealed class SubscriptionsTransportWsSession(
    WebSocket socket,
    HttpContext http,
    GraphQLRequestExecutor executor,
    GraphQLWebSocketOptions options) : GraphQLWebSocketSession(socket, http, executor, options)
{
    public const string Subprotocol = "graphql-ws";

    /// <inheritdoc />
    protected override string Protocol => Subprotocol;

    protected override string NextType => "data";

    protected override string KeepAliveType => "ka";

    protected override Task HandleMessageAsync(ClientMessage message) => message.Type switch
    {
        "connection_init" => InitReceived
            ? Channel.CloseAsync(GraphQLCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests")
            : InitialiseAsync(message.Payload),
        "start" => StartAsync(message),
        "stop" when !string.IsNullOrEmpty(message.Id) => StopAsync(message.Id),
        "connection_terminate" => Channel.CloseAsync((int)WebSocketCloseStatus.NormalClosure, "Normal closure"),
        _ => HandleMalformedAsync(),
    };

    protected override Task HandleMalformedAsync()
        => SendAsync("connection_error", payload: new ExecutionError("Invalid message received.") { Code = "BAD_REQUEST" });

    protected override async Task RejectConnectionAsync(string reason)
    {
        await SendAsync("connection_error", payload: new ExecutionError(reason) { Code = "FORBIDDEN" });
        await Channel.CloseAsync(GraphQLCloseCodes.Forbidden, reason);
    }

    protected override async Task AcknowledgeAsync()
    {
        await SendAsync("connection_ack");
        // Legacy clients start their keep-alive timeout on the first ka, so send one right away.
        await SendAsync(KeepAliveType);
    }

    private Task StartAsync(ClientMessage message)
    {
        if (!Acknowledged)
            return Channel.CloseAsync(GraphQLCloseCodes.Unauthorized, "Unauthorized");
        if (string.IsNullOrEmpty(message.Id))
            return HandleMalformedAsync();
        if (ReadRequest(message.Payload) is not { } request)
            return SendErrorsAsync(message.Id, [new ExecutionError("The start payload is not a GraphQL request.") { Code = "BAD_REQUEST" }]);
        // The legacy protocol lets a client restart an id; the old operation gives way.
        StopOperation(message.Id);
        return StartOperationAsync(message.Id, request);
    }

    private Task StopAsync(string id)
    {
        StopOperation(id);
        return Task.CompletedTask;
    }
}
