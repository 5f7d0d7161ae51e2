using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.WebSockets;

/// <summary>Bounds that keep one socket from holding unbounded memory or subscriptions.</summary>
public sealed class SubscriptionLimitsTests
{
    private const string Ticks = "subscription { ticks { n } }";

    [Fact]
    public async Task Operation_beyond_the_limit_gets_an_error_with_SUBSCRIPTION_LIMIT_EXCEEDED()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.MaxOperationsPerConnection = 2);
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SubscribeAsync("a", Ticks);
        await client.SubscribeAsync("b", Ticks);
        await client.SubscribeAsync("c", Ticks);

        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "c"), ((string?)error["type"], (string?)error["id"]));
        Assert.Equal("SUBSCRIPTION_LIMIT_EXCEEDED", (string?)error["payload"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Queries_beyond_the_limit_wait_for_a_slot_and_are_all_answered()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.MaxOperationsPerConnection = 2);
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();
        await client.SubscribeAsync("ticks", Ticks);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        for (var i = 0; i < 10; i++)
            await client.SubscribeAsync($"q{i}", "{ hello }");

        var answered = new HashSet<string>();
        while (answered.Count < 10)
        {
            var message = await client.ReceiveSkippingKeepAlivesAsync();
            Assert.True((string?)message["type"] is "next" or "complete", $"A query was refused: {message.ToJsonString()}");
            if ((string?)message["type"] == "next" && (string?)message["id"] != "ticks")
                answered.Add((string)message["id"]!);
        }
    }

    [Fact]
    public async Task Client_complete_stops_the_subscription_and_releases_the_source()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();
        await client.SubscribeAsync("s1", Ticks);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        await client.SendAsync(new { id = "s1", type = "complete" });

        Assert.True(await host.Ticks.WaitForObserversAsync(false));
        await client.SubscribeAsync("q", "{ hello }");
        Assert.Equal("q", (string?)(await client.ReceiveAsync())["id"]);
    }

    [Fact]
    public async Task Disconnect_disposes_every_subscription_of_the_socket()
    {
        await using var host = await TransportHost.StartAsync();
        var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();
        await client.SubscribeAsync("a", Ticks);
        await client.SubscribeAsync("b", Ticks);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        client.Socket.Abort();
        await client.DisposeAsync();

        Assert.True(await host.Ticks.WaitForObserversAsync(false));
    }

    [Fact]
    public async Task Slow_consumer_is_disconnected_with_4413_instead_of_buffering()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.SubscriptionBufferSize = 4);
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();
        await client.SubscribeAsync("big", "subscription { ticks { n padding(size: 65536) } }");
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        // The client reads nothing while ticks pile up: socket buffers fill, then the subscription buffer overflows.
        for (var n = 0; n < 5000 && host.Ticks.HasObservers; n++)
        {
            host.Ticks.Publish(n);
            await Task.Delay(1);
        }

        Assert.False(host.Ticks.HasObservers);
        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4413, code);
        Assert.Contains("too slow", reason);
    }
}
