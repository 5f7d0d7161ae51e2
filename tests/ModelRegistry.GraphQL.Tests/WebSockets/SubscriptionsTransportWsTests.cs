using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.WebSockets;

/// <summary>The legacy subscriptions-transport-ws protocol (subprotocol graphql-ws).</summary>
public sealed class SubscriptionsTransportWsTests
{
    private const string Legacy = "graphql-ws";

    [Fact]
    public async Task Legacy_start_answers_ack_ka_data_per_event_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);

        var ack = await client.InitAsync();
        var ka = await client.ReceiveAsync();
        await client.SendAsync(new { id = "1", type = "start", payload = new { query = "subscription { ticks(count: 2) { n } }" } });
        Assert.True(await host.Ticks.WaitForObserversAsync(true));
        host.Ticks.Publish(7);
        host.Ticks.Publish(8);

        Assert.Equal(("connection_ack", "ka"), ((string?)ack["type"], (string?)ka["type"]));
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        Assert.Equal(("data", "1", 7), ((string?)first["type"], (string?)first["id"], (int?)first["payload"]!["data"]!["ticks"]!["n"]));
        Assert.Equal(8, (int?)second["payload"]!["data"]!["ticks"]!["n"]);
        Assert.Equal(("complete", "1"), ((string?)complete["type"], (string?)complete["id"]));
    }

    [Fact]
    public async Task Legacy_stop_ends_the_subscription_and_releases_the_source()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);
        await client.InitAsync();
        await client.SendAsync(new { id = "1", type = "start", payload = new { query = "subscription { ticks { n } }" } });
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        await client.SendAsync(new { id = "1", type = "stop" });

        Assert.True(await host.Ticks.WaitForObserversAsync(false));
    }

    [Fact]
    public async Task Legacy_query_answers_data_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);
        await client.InitAsync();

        await client.SendAsync(new { id = "q", type = "start", payload = new { query = "{ hello }" } });

        var data = await client.ReceiveSkippingKeepAlivesAsync();
        var complete = await client.ReceiveSkippingKeepAlivesAsync();
        Assert.Equal("world", (string?)data["payload"]!["data"]!["hello"]);
        Assert.Equal("complete", (string?)complete["type"]);
    }

    [Fact]
    public async Task Legacy_refused_init_sends_connection_error_with_FORBIDDEN_then_closes_with_4403()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);

        var error = await client.InitAsync(new { reject = true });

        Assert.Equal("connection_error", (string?)error["type"]);
        Assert.Equal("FORBIDDEN", (string?)error["payload"]!["extensions"]!["code"]);
        Assert.Equal(4403, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Legacy_unknown_message_answers_connection_error_with_BAD_REQUEST()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);
        await client.InitAsync();

        await client.SendTextAsync("{\"type\":\"teleport\"}");

        var error = await client.ReceiveSkippingKeepAlivesAsync();
        Assert.Equal("connection_error", (string?)error["type"]);
        Assert.Equal("BAD_REQUEST", (string?)error["payload"]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Legacy_connection_terminate_closes_the_socket_normally()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, Legacy);
        await client.InitAsync();

        await client.SendAsync(new { type = "connection_terminate" });

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
    }
}
