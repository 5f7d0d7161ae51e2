using System.Net.Sockets;
using System.Text;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>The hardened host on real Kestrel, for requests the in-memory test server cannot carry, such as broken chunking.</summary>
public sealed class KestrelHardenedApiFactory : HardenedApiFactory
{
    /// <summary>Builds the host on Kestrel with a dynamic loopback port.</summary>
    public KestrelHardenedApiFactory() => UseKestrel(0);

    /// <summary>Starts Kestrel instead of the in-memory server.</summary>
    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        StartServer();
        return Task.CompletedTask;
    }

    /// <summary>Sends <paramref name="head"/> and <paramref name="body"/> as they are over TCP and returns the whole answer.</summary>
    public async Task<string> SendRawAsync(string head, string body)
    {
        using var tcp = new TcpClient();
        var address = CreateClient().BaseAddress!;
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "\r\n\r\n" + body));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(patience.Token);
    }
}

/// <summary>
/// A body whose chunked framing is broken is the client's mistake at every method: it gets 400 <c>BAD_REQUEST</c> in our
/// words, never a 500. A chunk size past a long's range made Kestrel throw a bare IOException, which reached clients as
/// 500 (found by the fuzz suite).
/// </summary>
public sealed class BrokenBodyFramingTests(KestrelHardenedApiFactory factory) : IClassFixture<KestrelHardenedApiFactory>
{
    [Theory]
    [InlineData("GET /graphql?query=%7B__typename%7D", "ffffffffffffffff")]
    [InlineData("POST /graphql", "ffffffffffffffff")]
    [InlineData("GET /graphql?query=%7B__typename%7D", "zz")]
    [InlineData("POST /graphql", "zz")]
    public async Task A_body_with_a_broken_chunk_size_gets_400_BAD_REQUEST(string requestLine, string chunkSize)
    {
        var answer = await factory.SendRawAsync(
            $"{requestLine} HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {HardenedApiFactory.AdminKey}\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close",
            $"{chunkSize}\r\n{{\"query\":\"{{ __typename }}\"}}\r\n0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("\"code\":\"BAD_REQUEST\"", answer);
        Assert.DoesNotContain("Exception", answer);
    }
}
