using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>
/// A GraphQL socket to the real host, signed in with an API key in connection_init, speaking either protocol:
/// graphql-transport-ws (subscribe/next) or the legacy subscriptions-transport-ws (graphql-ws: start/data).
/// Everything the server sends is kept, in order, so a test can also assert what did not arrive.
/// </summary>
public sealed class RegistrySocket : IAsyncDisposable
{
    /// <summary>The subprotocol of graphql-ws 5 and later.</summary>
    public const string TransportWs = "graphql-transport-ws";

    /// <summary>The subprotocol of the legacy subscriptions-transport-ws.</summary>
    public const string LegacyWs = "graphql-ws";

    // Guards against a hung test, not a timing assertion: every expected message arrives far sooner.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly WebSocket _socket;
    private readonly string _protocol;
    private readonly Channel<JsonObject> _incoming = Channel.CreateUnbounded<JsonObject>();
    private readonly List<JsonObject> _received = [];
    private readonly Task _reading;

    private RegistrySocket(WebSocket socket, string protocol)
    {
        _socket = socket;
        _protocol = protocol;
        // One reader for the socket's life: a cancelled receive would abort the socket, a wait on the channel does not.
        _reading = Task.Run(ReadAllAsync);
    }

    /// <summary>Every message read so far through <see cref="ReceiveAsync"/>, keep-alives excluded.</summary>
    public IReadOnlyList<JsonObject> Received => _received;

    /// <summary>The message type of one operation result in this socket's protocol.</summary>
    public string ResultType => _protocol == TransportWs ? "next" : "data";

    /// <summary>Opens a socket, sends connection_init with <paramref name="apiKey"/> and waits for the acknowledgement.</summary>
    public static Task<RegistrySocket> ConnectAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> host, string protocol, string apiKey)
        where TEntryPoint : class
        => ConnectAsync(host, protocol, new JsonObject { ["X-Api-Key"] = apiKey });

    /// <summary>
    /// Opens a socket, sends connection_init with <paramref name="initPayload"/> and waits for the acknowledgement;
    /// <paramref name="configureRequest"/> may add headers to the upgrade request (a browser's Origin).
    /// </summary>
    public static async Task<RegistrySocket> ConnectAsync<TEntryPoint>(
        WebApplicationFactory<TEntryPoint> host, string protocol, JsonObject initPayload, Action<HttpRequest>? configureRequest = null)
        where TEntryPoint : class
    {
        var socket = await OpenAsync(host, protocol, configureRequest);
        await socket.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = initPayload });
        await socket.ReceiveAsync(m => (string?)m["type"] == "connection_ack");
        return socket;
    }

    /// <summary>Opens a socket and sends nothing yet, for tests of what may come before or instead of connection_init.</summary>
    public static async Task<RegistrySocket> OpenAsync<TEntryPoint>(
        WebApplicationFactory<TEntryPoint> host, string protocol, Action<HttpRequest>? configureRequest = null)
        where TEntryPoint : class
    {
        var client = host.Server.CreateWebSocketClient();
        client.SubProtocols.Add(protocol);
        client.ConfigureRequest = configureRequest;
        return new RegistrySocket(await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None), protocol);
    }

    /// <summary>Sends <paramref name="text"/> as it is, for messages a JSON writer would not produce (a key twice, a lone surrogate escape).</summary>
    public Task SendTextAsync(string text)
        => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Starts an operation (subscribe, or start on the legacy protocol) under <paramref name="id"/>.</summary>
    public Task StartAsync(string id, string query, object? variables = null)
    {
        var payload = new JsonObject { ["query"] = query };
        if (variables is not null)
            payload["variables"] = JsonSerializer.SerializeToNode(variables);
        return SendAsync(new JsonObject { ["id"] = id, ["type"] = _protocol == TransportWs ? "subscribe" : "start", ["payload"] = payload });
    }

    /// <summary>Starts an operation with a payload of the caller's making (a persisted operation's hash or document id).</summary>
    public Task StartAsync(string id, JsonObject payload)
        => SendAsync(new JsonObject { ["id"] = id, ["type"] = _protocol == TransportWs ? "subscribe" : "start", ["payload"] = payload });

    /// <summary>Runs a query or mutation and returns its result's payload (<c>data</c> and <c>errors</c>).</summary>
    public async Task<JsonObject> RunAsync(string id, string query, object? variables = null)
    {
        await StartAsync(id, query, variables);
        return (await ReceiveAsync(m => (string?)m["id"] == id && (string?)m["type"] == ResultType))["payload"]!.AsObject();
    }

    /// <summary>The first message matching <paramref name="match"/>, whether read already (while awaiting another) or still to come.</summary>
    public async Task<JsonObject> AwaitAsync(Func<JsonObject, bool> match)
        => _received.FirstOrDefault(match) ?? await ReceiveAsync(match);

    /// <summary>The next message matching <paramref name="match"/>; fails when the socket closes or stays quiet first.</summary>
    public async Task<JsonObject> ReceiveAsync(Func<JsonObject, bool> match)
        => await TryReceiveAsync(match, Patience)
           ?? throw new InvalidOperationException($"No expected message; the socket ended with {_socket.CloseStatus} after: {Log()}");

    /// <summary>The next message matching <paramref name="match"/>, or null when none came within <paramref name="patience"/> or the socket closed.</summary>
    public async Task<JsonObject?> TryReceiveAsync(Func<JsonObject, bool> match, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            while (true)
            {
                var message = await _incoming.Reader.ReadAsync(timeout.Token);
                _received.Add(message);
                if (match(message))
                    return message;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads until the server closes the socket; returns its close code (null when it did not close in time).</summary>
    public async Task<int?> ClosedAsync()
    {
        await TryReceiveAsync(_ => false, Patience);
        return _incoming.Reader.Completion.IsCompleted ? (int?)_socket.CloseStatus : null;
    }

    /// <summary>The messages received so far, for failure messages.</summary>
    public string Log() => string.Join(Environment.NewLine, _received.Select(m => m.ToJsonString()));

    private Task SendAsync(JsonObject message)
        => _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task ReadAllAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var text = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                        return;
                    text.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                var message = JsonNode.Parse(text.ToArray())!.AsObject();
                if ((string?)message["type"] is not ("ka" or "ping" or "pong"))
                    _incoming.Writer.TryWrite(message);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket was closed (by the host, or by DisposeAsync); the waiting side sees the channel end.
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                // The server already went away.
            }
        }
        _socket.Abort();
        await _reading;
        _socket.Dispose();
    }
}
