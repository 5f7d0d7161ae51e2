using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// Text-message framing over one socket: whole messages in, one send at a time out, and a single close
/// that waits for the send in flight (bounded by the close timeout) so close codes reach clients intact.
/// </summary>
internal sealed class WebSocketMessageChannel(WebSocket socket, GraphQLWebSocketOptions options)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly CancellationTokenSource lifetime = new();
    private int closing;
    private bool closeSent;

    /// <summary>Cancelled when the socket is finished; every timer and operation of the socket hangs off it.</summary>
    public CancellationToken Lifetime => lifetime.Token;

    /// <summary>True once the server decided to close; later client messages are ignored.</summary>
    public bool Closing => Volatile.Read(ref closing) == 1;

    /// <summary>Returns the next text message, or null once the client closed the socket.</summary>
    public async Task<string?> ReceiveAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), Lifetime);
                if (received.MessageType == WebSocketMessageType.Close)
                    return null;
                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    await CloseAsync(GraphQLCloseCodes.BadRequest, "Binary messages are not supported");
                    return await DiscardRestAsync(received, buffer);
                }
                if (message.Length + received.Count > options.MaxMessageSize)
                {
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, "Message too big");
                    return await DiscardRestAsync(received, buffer);
                }
                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task SendAsync(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        await sendLock.WaitAsync(Lifetime);
        try
        {
            // Once the server decided to close, the close frame is the next thing the client reads.
            if (!Closing && !closeSent && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, Lifetime);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>
    /// Closes the socket with a protocol code; the first close wins, later ones are ignored. <paramref name="patience"/>
    /// (default <see cref="GraphQLWebSocketOptions.CloseTimeout"/>) is how long the close may wait for a send in flight.
    /// </summary>
    public async Task CloseAsync(int code, string reason, TimeSpan? patience = null)
    {
        if (Interlocked.Exchange(ref closing, 1) == 1)
            return;
        var wait = patience ?? options.CloseTimeout;
        reason = Truncated(reason);
        var acquired = false;
        try
        {
            acquired = await sendLock.WaitAsync(wait, Lifetime);
            if (acquired && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                closeSent = true;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Lifetime);
                timeout.CancelAfter(wait);
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
            }
            else
            {
                socket.Abort();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
        finally
        {
            if (acquired)
                sendLock.Release();
            // Give the client the close timeout to answer with its own close frame, then stop waiting.
            TryCancelAfter(options.CloseTimeout);
        }
    }

    /// <summary>Completes the closing handshake the client started, then ends everything tied to the socket.</summary>
    public async Task FinishAsync()
    {
        if (socket.State == WebSocketState.CloseReceived)
            await CloseAsync((int)WebSocketCloseStatus.NormalClosure, string.Empty);
        try
        {
            lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
        if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            socket.Abort();
    }

    private async Task<string?> DiscardRestAsync(ValueWebSocketReceiveResult received, byte[] buffer)
    {
        while (!received.EndOfMessage)
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(), Lifetime);
            if (received.MessageType == WebSocketMessageType.Close)
                return null;
        }
        return string.Empty;
    }

    /// <summary>
    /// A close frame's reason holds at most 123 bytes of UTF-8 (RFC 6455 section 5.5: 125 bytes of payload, two for the
    /// code); a longer one, e.g. one quoting a client's long operation id, made the runtime throw and the socket drop
    /// with 1006 instead of its code. It is cut at a character boundary.
    /// </summary>
    internal static string Truncated(string reason)
    {
        const int MaxReasonBytes = 123;
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes)
            return reason;
        var length = reason.Length;
        while (length > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, length)) > MaxReasonBytes - 3)
            length--;
        if (length > 0 && char.IsHighSurrogate(reason[length - 1]))
            length--;
        return string.Concat(reason.AsSpan(0, length), "...");
    }

    private void TryCancelAfter(TimeSpan delay)
    {
        try
        {
            lifetime.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }
}
