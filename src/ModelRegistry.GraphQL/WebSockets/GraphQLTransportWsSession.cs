using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>The graphql-transport-ws protocol (graphql-ws 5 and later): protocol mistakes close the socket with 44xx codes.</summary>
internal sealed class GraphQLTransportWsSession(
    WebSocket socket,
    HttpContext http,
    GraphQLRequestExecutor executor,
    GraphQLWebSocketOptions options) : GraphQLWebSocketSession(socket, http, executor, options)
{
    public const string Subprotocol = "graphql-transport-ws";

    /// <inheritdoc />
    protected override string Protocol => Subprotocol;

    protected override string NextType => "next";

    protected override string KeepAliveType => "ping";

    protected override Task HandleMessageAsync(ClientMessage message) => message.Type switch
    {
        "connection_init" => InitReceived
            ? Channel.CloseAsync(GraphQLCloseCodes.TooManyInitialisationRequests, "Too many initialisation requests")
            : InitialiseAsync(message.Payload),
        "ping" => SendAsync("pong"),
        "pong" => Task.CompletedTask,
        "subscribe" => SubscribeAsync(message),
        "complete" when !string.IsNullOrEmpty(message.Id) => StopAsync(message.Id),
        _ => HandleMalformedAsync(),
    };

    protected override Task HandleMalformedAsync()
        => Channel.CloseAsync(GraphQLCloseCodes.BadRequest, "Invalid message received");

    protected override Task RejectConnectionAsync(string reason)
        => Channel.CloseAsync(GraphQLCloseCodes.Forbidden, reason);

    protected override Task AcknowledgeAsync() => SendAsync("connection_ack");

    private Task SubscribeAsync(ClientMessage message)
    {
        if (!Acknowledged)
            return Channel.CloseAsync(GraphQLCloseCodes.Unauthorized, "Unauthorized");
        if (string.IsNullOrEmpty(message.Id) || ReadRequest(message.Payload) is not { } request)
            return HandleMalformedAsync();
        if (IsRunning(message.Id))
            return Channel.CloseAsync(GraphQLCloseCodes.SubscriberAlreadyExists, $"Subscriber for {message.Id} already exists");
        return StartOperationAsync(message.Id, request);
    }

    private Task StopAsync(string id)
    {
        StopOperation(id);
        return Task.CompletedTask;
    }
}
