using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// Sits between the connection and the runtime's WebSocket and reads every client frame as it passes (RFC 6455 section
/// 5). A frame that breaks the protocol is answered at once with one documented close code, written by this stream:
/// 1002 for a protocol error (unmasked, reserved bits or opcodes, a bad control frame or fragment), 1009 for a frame or
/// fragmented message beyond the message limit — judged on the header, before any payload is read, so a header
/// announcing 2^62 bytes costs nothing — and 1007 for a text message that is not UTF-8. Writes are serialised here so the
/// close frame never lands inside a frame the WebSocket is sending. After the close frame the stream reads and drops
/// what the client still sends until it closes, for a bounded time, and only then tells the WebSocket the connection
/// ended: closing a TCP connection with unread bytes resets it, and a reset can destroy the close frame before the
/// client reads it. (Left to the runtime's WebSocket, the same frames ended with a close code or with a bare reset,
/// depending on timing.)
/// </summary>
internal sealed class FrameGuardStream(Stream inner, long maxMessageSize) : Stream
{
    /// <summary>Close code for a frame that breaks the protocol.</summary>
    public const int ProtocolError = 1002;

    /// <summary>Close code for a text message that is not valid UTF-8.</summary>
    public const int InvalidPayload = 1007;

    /// <summary>Close code for a frame or a fragmented message beyond the message limit.</summary>
    public const int MessageTooBig = 1009;

    // Long enough for a client to read the close frame and close, short enough that one who never does is let go soon.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly byte[] header = new byte[14];
    private readonly byte[] mask = new byte[4];
    private readonly Decoder utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private int headerLength;
    private int headerNeeded = 2;
    private long payloadLeft;
    private long payloadOffset;
    private bool frameFinal;
    private bool controlFrame;
    private long messageLength;
    private bool inMessage;
    private bool textMessage;
    private bool violated;
    private bool closeWritten;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (violated)
            return 0;
        var count = await inner.ReadAsync(buffer, cancellationToken);
        if (count == 0 || Inspect(buffer.Span[..count]) is not { } violation)
            return count;
        violated = true;
        await WriteCloseAsync(violation.Code, violation.Reason);
        await DrainAsync();
        // The WebSocket reads the end of the stream and gives up; the bad frame never reaches it.
        return 0;
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            if (closeWritten)
                throw new IOException("The connection was closed because of a bad client frame.");
            await inner.WriteAsync(buffer, cancellationToken);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task WriteCloseAsync(int code, string reason)
    {
        var reasonBytes = Encoding.UTF8.GetBytes(reason);
        var frame = new byte[4 + reasonBytes.Length];
        frame[0] = 0x88; // FIN and the close opcode; server frames are not masked.
        frame[1] = (byte)(2 + reasonBytes.Length);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)code);
        reasonBytes.CopyTo(frame, 4);
        using var timeout = new CancellationTokenSource(Linger);
        try
        {
            await writeLock.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return; // A send is stuck on a client that does not read; it will not read this either.
        }
        try
        {
            closeWritten = true;
            await inner.WriteAsync(frame, timeout.Token);
            await inner.FlushAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone already.
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task DrainAsync()
    {
        using var timeout = new CancellationTokenSource(Linger);
        var drain = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (await inner.ReadAsync(drain, timeout.Token) > 0)
            {
                // Dropped: the conversation is over.
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Timed out, reset or closed: nothing more to wait for.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(drain);
        }
    }

    private (int Code, string Reason)? Inspect(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (payloadLeft > 0)
            {
                var take = (int)Math.Min(payloadLeft, bytes.Length - i);
                if (textMessage && !controlFrame && !ValidUtf8(bytes.Slice(i, take), final: frameFinal && take == payloadLeft))
                    return (InvalidPayload, "Text is not UTF-8");
                payloadLeft -= take;
                payloadOffset += take;
                i += take;
                continue;
            }
            header[headerLength++] = bytes[i++];
            if (headerLength < headerNeeded)
                continue;
            if (headerLength == 2)
            {
                if ((header[1] & 0x80) == 0)
                    return (ProtocolError, "Client frames must be masked");
                var length7 = header[1] & 0x7F;
                headerNeeded = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
                continue;
            }
            if (Judge() is { } violation)
                return violation;
            headerLength = 0;
            headerNeeded = 2;
        }
        return null;
    }

    // Called with a whole header: two bytes, the extended length, the mask key.
    private (int Code, string Reason)? Judge()
    {
        var fin = (header[0] & 0x80) != 0;
        var opcode = header[0] & 0x0F;
        if ((header[0] & 0x70) != 0)
            return (ProtocolError, "Reserved bits are set");
        var length7 = header[1] & 0x7F;
        var length = length7 switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)),
            127 => (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2)),
            _ => length7,
        };
        if (length < 0)
            return (ProtocolError, "Invalid payload length");
        payloadLeft = length;
        payloadOffset = 0;
        frameFinal = fin;
        controlFrame = opcode >= 8;
        header.AsSpan(headerNeeded - 4, 4).CopyTo(mask);
        if (controlFrame)
        {
            if (opcode > 10)
                return (ProtocolError, "Unknown opcode");
            if (!fin || length > 125)
                return (ProtocolError, "Invalid control frame");
            return null;
        }
        if (opcode > 2)
            return (ProtocolError, "Unknown opcode");
        if (opcode == 0 && !inMessage)
            return (ProtocolError, "Continuation without a message");
        if (opcode != 0 && inMessage)
            return (ProtocolError, "New message inside a fragmented one");
        if (opcode != 0)
        {
            textMessage = opcode == 1;
            messageLength = 0;
            utf8.Reset();
        }
        messageLength += length;
        if (messageLength > maxMessageSize)
            return (MessageTooBig, "Message too big");
        inMessage = !fin;
        // An empty last fragment ends the text: a sequence left open by the fragments before it is invalid.
        if (textMessage && fin && length == 0 && !ValidUtf8([], final: true))
            return (InvalidPayload, "Text is not UTF-8");
        return null;
    }

    // Unmasks a run of payload bytes and feeds it to a decoder that keeps sequences split across reads and fragments.
    private bool ValidUtf8(ReadOnlySpan<byte> masked, bool final)
    {
        var plain = ArrayPool<byte>.Shared.Rent(Math.Max(1, masked.Length));
        var chars = ArrayPool<char>.Shared.Rent(masked.Length + 4);
        try
        {
            for (var k = 0; k < masked.Length; k++)
                plain[k] = (byte)(masked[k] ^ mask[(int)((payloadOffset + k) & 3)]);
            utf8.Convert(plain.AsSpan(0, masked.Length), chars, final, out _, out _, out _);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
