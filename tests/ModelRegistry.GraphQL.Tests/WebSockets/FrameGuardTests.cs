using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.WebSockets;

/// <summary>
/// Hostile frames written byte by byte on a raw TCP connection: each kind of bad frame is answered with one documented
/// close code, every time, and a header announcing an absurd length is refused before any payload arrives.
/// </summary>
public sealed class FrameGuardTests
{
    private const int Attempts = 10;

    [Fact]
    public async Task A_header_announcing_two_to_the_62_bytes_is_closed_with_1009_before_any_payload_is_sent()
    {
        await using var host = await TransportHost.StartAsync();
        for (var i = 0; i < Attempts; i++)
        {
            using var connection = await RawSocket.OpenAsync(host);
            var header = new byte[14];
            header[0] = 0x81; // FIN, text
            header[1] = 0x80 | 127; // masked, 64-bit length follows
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(2), 1UL << 62);
            await connection.WriteAsync(header); // the mask key is the last four bytes; no payload follows

            Assert.Equal(1009, await connection.ReadCloseCodeAsync());
        }
    }

    [Fact]
    public async Task A_fragmented_message_whose_frames_add_up_past_the_limit_is_closed_with_1009()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.MaxMessageSize = 1000);
        using var connection = await RawSocket.OpenAsync(host);

        await connection.WriteAsync(RawSocket.Frame(0x01, new byte[600], fin: false));
        await connection.WriteAsync(RawSocket.Frame(0x00, new byte[600], fin: false));

        Assert.Equal(1009, await connection.ReadCloseCodeAsync());
    }

    [Fact]
    public async Task An_unmasked_client_frame_is_closed_with_1002_every_time()
    {
        await using var host = await TransportHost.StartAsync();
        for (var i = 0; i < Attempts; i++)
        {
            using var connection = await RawSocket.OpenAsync(host);
            var payload = Encoding.UTF8.GetBytes("""{"type":"connection_init"}""");
            await connection.WriteAsync([0x81, (byte)payload.Length, .. payload]);

            Assert.Equal(1002, await connection.ReadCloseCodeAsync());
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xC1, 0x80 }, "reserved bit set")]
    [InlineData(new byte[] { 0x83, 0x80 }, "unknown opcode")]
    [InlineData(new byte[] { 0x09, 0x80 }, "fragmented ping")]
    [InlineData(new byte[] { 0x80, 0x80 }, "continuation without a message")]
    public async Task A_frame_that_breaks_the_protocol_is_closed_with_1002(byte[] firstBytes, string why)
    {
        await using var host = await TransportHost.StartAsync();
        using var connection = await RawSocket.OpenAsync(host);

        await connection.WriteAsync([.. firstBytes, 1, 2, 3, 4]);

        Assert.True(1002 == await connection.ReadCloseCodeAsync(), why);
    }

    [Fact]
    public async Task A_text_message_of_invalid_UTF8_is_closed_with_1007_every_time()
    {
        await using var host = await TransportHost.StartAsync();
        for (var i = 0; i < Attempts; i++)
        {
            using var connection = await RawSocket.OpenAsync(host);
            // More bytes follow the bad message, so the server has unread input when it gives up on the connection.
            await connection.WriteAsync([.. RawSocket.Frame(0x01, [0x7B, 0xC3, 0x28, 0xFF, 0x7D]), .. RawSocket.Frame(0x01, new byte[2000])]);

            Assert.Equal(1007, await connection.ReadCloseCodeAsync());
        }
    }

    [Fact]
    public async Task After_well_formed_frames_the_protocol_still_runs()
    {
        await using var host = await TransportHost.StartAsync();
        using var connection = await RawSocket.OpenAsync(host);

        await connection.WriteAsync(RawSocket.Frame(0x01, Encoding.UTF8.GetBytes("""{"type":"connection_init"}"""), fin: false));
        await connection.WriteAsync(RawSocket.Frame(0x09, [1, 2])); // a ping between fragments is allowed
        await connection.WriteAsync(RawSocket.Frame(0x00, []));

        var (opcode, payload) = await connection.ReadFrameAsync();
        while (opcode == 0x0A)
            (opcode, payload) = await connection.ReadFrameAsync();
        Assert.Equal(0x01, opcode);
        Assert.Contains("connection_ack", Encoding.UTF8.GetString(payload));
    }

    /// <summary>A WebSocket client that writes frames as given, valid or not.</summary>
    private sealed class RawSocket : IDisposable
    {
        private readonly TcpClient tcp;
        private readonly NetworkStream stream;

        private RawSocket(TcpClient tcp)
        {
            this.tcp = tcp;
            stream = tcp.GetStream();
        }

        public static async Task<RawSocket> OpenAsync(TransportHost host)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
            var socket = new RawSocket(tcp);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET /graphql HTTP/1.1\r\nHost: {host.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n";
            await socket.WriteAsync(Encoding.ASCII.GetBytes(request));
            var response = new StringBuilder();
            while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                response.Append((char)await socket.ReadByteAsync());
            Assert.StartsWith("HTTP/1.1 101", response.ToString());
            return socket;
        }

        /// <summary>A masked client frame.</summary>
        public static byte[] Frame(byte opcode, byte[] payload, bool fin = true)
        {
            var frame = new List<byte> { (byte)((fin ? 0x80 : 0) | opcode) };
            if (payload.Length < 126)
                frame.Add((byte)(0x80 | payload.Length));
            else
            {
                frame.Add(0x80 | 126);
                frame.Add((byte)(payload.Length >> 8));
                frame.Add((byte)payload.Length);
            }
            byte[] mask = [0x12, 0x34, 0x56, 0x78];
            frame.AddRange(mask);
            frame.AddRange(payload.Select((b, i) => (byte)(b ^ mask[i % 4])));
            return [.. frame];
        }

        public async Task WriteAsync(byte[] bytes)
        {
            await stream.WriteAsync(bytes);
            await stream.FlushAsync();
        }

        /// <summary>Reads server frames until a close frame and returns its code; fails on a connection that ends without one.</summary>
        public async Task<int> ReadCloseCodeAsync()
        {
            while (true)
            {
                var (opcode, payload) = await ReadFrameAsync();
                if (opcode == 0x08)
                    return BinaryPrimitives.ReadUInt16BigEndian(payload);
            }
        }

        public async Task<(int Opcode, byte[] Payload)> ReadFrameAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var first = await ReadByteAsync(timeout.Token);
            var second = await ReadByteAsync(timeout.Token);
            long length = second & 0x7F;
            if (length == 126)
                length = (await ReadByteAsync(timeout.Token) << 8) | await ReadByteAsync(timeout.Token);
            else if (length == 127)
            {
                length = 0;
                for (var i = 0; i < 8; i++)
                    length = (length << 8) | (uint)await ReadByteAsync(timeout.Token);
            }
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload, timeout.Token);
            return (first & 0x0F, payload);
        }

        private async Task<int> ReadByteAsync(CancellationToken cancellationToken = default)
        {
            var one = new byte[1];
            var read = await stream.ReadAsync(one, cancellationToken);
            Assert.True(read == 1, "The server ended the connection without a close frame.");
            return one[0];
        }

        public void Dispose() => tcp.Dispose();
    }
}
