using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.WebSockets;

/// <summary>The graphql-transport-ws protocol as a raw client sees it.</summary>
public sealed class GraphQLTransportWsTests
{
    private const string TicksTwice = "subscription { ticks(count: 2) { n } }";

    [Fact]
    public async Task Subscription_answers_ack_then_next_per_event_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);

        var ack = await client.InitAsync(new { token = "t" });
        await client.SubscribeAsync("s1", TicksTwice);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));
        host.Ticks.Publish(1);
        host.Ticks.Publish(2);

        Assert.Equal("connection_ack", (string?)ack["type"]);
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        Assert.Equal(("next", "s1", 1), ((string?)first["type"], (string?)first["id"], (int?)first["payload"]!["data"]!["ticks"]!["n"]));
        Assert.Equal(("next", "s1", 2), ((string?)second["type"], (string?)second["id"], (int?)second["payload"]!["data"]!["ticks"]!["n"]));
        Assert.Equal(("complete", "s1"), ((string?)complete["type"], (string?)complete["id"]));
    }

    [Fact]
    public async Task Query_over_the_socket_answers_one_next_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SubscribeAsync("q1", "{ hello }");

        var next = await client.ReceiveAsync();
        var complete = await client.ReceiveAsync();
        Assert.Equal("next", (string?)next["type"]);
        Assert.Equal("world", (string?)next["payload"]!["data"]!["hello"]);
        Assert.Equal(("complete", "q1"), ((string?)complete["type"], (string?)complete["id"]));
    }

    [Fact]
    public async Task Invalid_operation_answers_an_error_message_with_extensions_code()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SubscribeAsync("bad", "{ nope }");

        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "bad"), ((string?)error["type"], (string?)error["id"]));
        Assert.False(string.IsNullOrEmpty((string?)error["payload"]![0]!["extensions"]!["code"]));
    }

    [Fact]
    public async Task Subscribe_before_ack_closes_with_4401()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);

        await client.SubscribeAsync("s1", TicksTwice);

        Assert.Equal(4401, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Reused_operation_id_closes_with_4409_naming_the_id()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SubscribeAsync("dup", TicksTwice);
        await client.SubscribeAsync("dup", TicksTwice);

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4409, code);
        Assert.Equal("Subscriber for dup already exists", reason);
    }

    [Fact]
    public async Task A_reused_id_too_long_for_a_close_reason_still_closes_with_4409_and_a_shortened_reason()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();
        var id = new string('é', 200);

        await client.SubscribeAsync(id, TicksTwice);
        await client.SubscribeAsync(id, TicksTwice);

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4409, code);
        Assert.StartsWith("Subscriber for éé", reason);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(reason!) <= 123, reason);
    }

    [Fact]
    public async Task Missing_connection_init_closes_with_4408_after_the_timeout()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.ConnectionInitTimeout = TimeSpan.FromMilliseconds(200));
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);

        Assert.Equal(4408, (await client.ReceiveCloseAsync()).Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("{\"type\":\"teleport\"}")]
    [InlineData("{\"type\":\"next\",\"id\":\"1\"}")]
    public async Task Malformed_or_unknown_message_closes_with_4400(string text)
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SendTextAsync(text);

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Second_connection_init_closes_with_4429()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SendAsync(new { type = "connection_init" });

        Assert.Equal(4429, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Refused_connection_init_closes_with_4403()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);

        await client.SendAsync(new { type = "connection_init", payload = new { reject = true } });

        var (code, reason) = await client.ReceiveCloseAsync();
        Assert.Equal(4403, code);
        Assert.Equal("Invalid API key", reason);
    }

    [Fact]
    public async Task Unsupported_subprotocol_closes_with_4406()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri, subprotocol: null);

        Assert.Equal(4406, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        await client.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (string?)(await client.ReceiveAsync())["type"]);
    }

    [Fact]
    public async Task Server_sends_ping_keep_alives_after_ack()
    {
        await using var host = await TransportHost.StartAsync(s => s.WebSockets.KeepAliveInterval = TimeSpan.FromMilliseconds(50));
        await using var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        await client.InitAsync();

        Assert.Equal("ping", (string?)(await client.ReceiveAsync())["type"]);
    }
}
