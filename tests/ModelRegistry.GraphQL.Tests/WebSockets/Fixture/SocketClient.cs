using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

/// <summary>A raw WebSocket client speaking JSON messages, as a protocol-level test needs.</summary>
public sealed class SocketClient : IAsyncDisposable
{
    // Guards against a hung test, not a timing assertion: every expected message arrives far sooner.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClientWebSocket socket = new();

    private SocketClient()
    {
    }

    /// <summary>The socket, for tests that abort it.</summary>
    public ClientWebSocket Socket => socket;

    /// <summary>Connects with the given subprotocol (none when null).</summary>
    public static async Task<SocketClient> ConnectAsync(Uri uri, string? subprotocol = "graphql-transport-ws")
    {
        var client = new SocketClient();
        if (subprotocol is not null)
            client.socket.Options.AddSubProtocol(subprotocol);
        using var timeout = new CancellationTokenSource(Patience);
        await client.socket.ConnectAsync(uri, timeout.Token);
        return client;
    }

    /// <summary>Sends an object as a JSON text message.</summary>
    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    /// <summary>Sends raw text.</summary>
    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Sends connection_init and returns the server's answer.</summary>
    public async Task<JsonObject> InitAsync(object? payload = null)
    {
        await SendAsync(payload is null ? new { type = "connection_init" } : new { type = "connection_init", payload });
        return await ReceiveAsync();
    }

    /// <summary>Sends a subscribe message of graphql-transport-ws.</summary>
    public Task SubscribeAsync(string id, string query)
        => SendAsync(new { id, type = "subscribe", payload = new { query } });

    /// <summary>Receives the next JSON message; fails if the socket closes instead.</summary>
    public async Task<JsonObject> ReceiveAsync()
    {
        var text = await ReceiveTextAsync()
            ?? throw new InvalidOperationException($"Socket closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Receives the next message whose type is not a keep-alive.</summary>
    public async Task<JsonObject> ReceiveSkippingKeepAlivesAsync()
    {
        while (true)
        {
            var message = await ReceiveAsync();
            if ((string?)message["type"] is not ("ka" or "ping"))
                return message;
        }
    }

    /// <summary>Reads until the server closes; returns the close code and reason, skipping any messages before it.</summary>
    public async Task<(int Code, string? Reason)> ReceiveCloseAsync()
    {
        while (await ReceiveTextAsync() is not null)
        {
            // Messages sent before the close are not what these tests look at.
        }
        return ((int)socket.CloseStatus!, socket.CloseStatusDescription);
    }

    /// <summary>Closes normally if still open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server may already be gone.
            }
        }
        socket.Dispose();
    }

    private async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
