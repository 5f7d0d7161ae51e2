using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.GraphQL.Tests.Sse;
using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.WebSockets;

/// <summary>Identical shareable subscriptions run once and fan their results out to every subscriber.</summary>
public sealed class SharedSubscriptionTests
{
    private const string SharedTicks = "subscription { sharedTicks(channel: \"a\") { n } }";

    [Fact]
    public async Task Identical_subscriptions_on_two_connections_run_once_and_both_receive_every_event()
    {
        await using var host = await TransportHost.StartAsync();
        await using var first = await ConnectAsync(host);
        await using var second = await ConnectAsync(host);

        await first.SubscribeAsync("s", SharedTicks);
        await second.SubscribeAsync("t", SharedTicks);
        await WaitForAttachedAsync(host, 2);
        host.Ticks.Publish(1);
        host.Ticks.Publish(2);

        Assert.Equal([("s", 1), ("s", 2)], [Tick(await first.ReceiveAsync()), Tick(await first.ReceiveAsync())]);
        Assert.Equal([("t", 1), ("t", 2)], [Tick(await second.ReceiveAsync()), Tick(await second.ReceiveAsync())]);
        Assert.Equal(1, host.Ticks.SharedStreamsOpened);
        Assert.Equal(2, host.Ticks.Resolutions);
        Assert.Equal(1, host.Shared.RunningCount);
    }

    [Fact]
    public async Task Many_subscribers_joining_at_once_all_attach_to_one_execution()
    {
        await using var host = await TransportHost.StartAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ConnectAsync(host)));
        try
        {
            await Task.WhenAll(clients.Select((c, i) => c.SubscribeAsync($"s{i}", SharedTicks)));
            await WaitForAttachedAsync(host, clients.Length);
            host.Ticks.Publish(3);

            var received = await Task.WhenAll(clients.Select(async c => Tick(await c.ReceiveAsync())));
            Assert.Equal(clients.Select((_, i) => ($"s{i}", (int?)3)), received.Select(r => (r.Id!, r.N)));
            Assert.Equal(1, host.Ticks.SharedStreamsOpened);
            Assert.Equal(1, host.Ticks.Resolutions);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task Subscribers_in_different_partitions_or_with_different_arguments_run_separately()
    {
        await using var host = await TransportHost.StartAsync();
        await using var teamA = await ConnectAsync(host, "a");
        await using var teamB = await ConnectAsync(host, "b");
        await using var otherChannel = await ConnectAsync(host, "a");

        await teamA.SubscribeAsync("1", SharedTicks);
        await teamB.SubscribeAsync("1", SharedTicks);
        await otherChannel.SubscribeAsync("1", "subscription { sharedTicks(channel: \"b\") { n } }");
        await WaitForAttachedAsync(host, 3);
        host.Ticks.Publish(5);

        Assert.Equal(("1", 5), Tick(await teamA.ReceiveAsync()));
        Assert.Equal(("1", 5), Tick(await teamB.ReceiveAsync()));
        Assert.Equal(("1", 5), Tick(await otherChannel.ReceiveAsync()));
        Assert.Equal(3, host.Ticks.SharedStreamsOpened);
        Assert.Equal(3, host.Shared.RunningCount);
    }

    [Fact]
    public async Task A_subscription_that_sets_an_exclusive_argument_runs_on_its_own()
    {
        await using var host = await TransportHost.StartAsync();
        await using var first = await ConnectAsync(host);
        await using var second = await ConnectAsync(host);
        const string fromThree = "subscription { sharedTicks(channel: \"a\", from: 3) { n } }";

        await first.SubscribeAsync("1", fromThree);
        await second.SubscribeAsync("1", fromThree);
        Assert.True(await WaitUntilAsync(() => host.Ticks.SharedStreamsOpened == 2));
        host.Ticks.Publish(2);
        host.Ticks.Publish(3);

        Assert.Equal(("1", 3), Tick(await first.ReceiveAsync()));
        Assert.Equal(("1", 3), Tick(await second.ReceiveAsync()));
        Assert.Equal(0, host.Shared.RunningCount);
    }

    [Fact]
    public async Task The_shared_execution_outlives_its_first_subscriber_and_stops_with_the_last()
    {
        await using var host = await TransportHost.StartAsync();
        var first = await ConnectAsync(host);
        await using var second = await ConnectAsync(host);
        await first.SubscribeAsync("1", SharedTicks);
        await second.SubscribeAsync("2", SharedTicks);
        await WaitForAttachedAsync(host, 2);
        // Joining counts a subscriber at once; the shared execution subscribes to the source a moment later (on a busy
        // machine, noticeably later), and a tick published before that reaches no one.
        Assert.True(await host.Ticks.WaitForObserversAsync(true), "the shared execution never subscribed to the source");

        await first.DisposeAsync();
        await WaitForAttachedAsync(host, 1);
        host.Ticks.Publish(9);
        Assert.Equal(("2", 9), Tick(await second.ReceiveAsync()));

        await second.SendAsync(new { id = "2", type = "complete" });
        Assert.True(await host.Ticks.WaitForObserversAsync(false), "the shared source is still subscribed after the last subscriber left");
        Assert.Equal(0, host.Shared.RunningCount);

        await using var third = await ConnectAsync(host);
        await third.SubscribeAsync("3", SharedTicks);
        await WaitForAttachedAsync(host, 1);
        Assert.True(await host.Ticks.WaitForObserversAsync(true), "the new shared execution never subscribed to the source");
        host.Ticks.Publish(10);
        Assert.Equal(("3", 10), Tick(await third.ReceiveAsync()));
        Assert.Equal(2, host.Ticks.SharedStreamsOpened);
    }

    [Fact]
    public async Task Legacy_and_SSE_subscribers_receive_the_shared_result_in_their_own_framing()
    {
        await using var host = await TransportHost.StartAsync();
        await using var modern = await ConnectAsync(host);
        await using var legacy = await SocketClient.ConnectAsync(host.WebSocketUri, "graphql-ws");
        await legacy.InitAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        await modern.SubscribeAsync("m", SharedTicks);
        await legacy.SendAsync(new { id = "l", type = "start", payload = new { query = SharedTicks } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = SharedTicks }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await WaitForAttachedAsync(host, 3);
        host.Ticks.Publish(4);

        var data = await legacy.ReceiveSkippingKeepAlivesAsync();
        var next = await events.ReadAsync();
        Assert.Equal(("m", 4), Tick(await modern.ReceiveAsync()));
        Assert.Equal(("data", "l", 4), ((string?)data["type"], (string?)data["id"], (int?)data["payload"]!["data"]!["sharedTicks"]!["n"]));
        Assert.Equal(("next", 4), (next?.Event, (int?)next?.Data?["data"]?["sharedTicks"]?["n"]));
        Assert.Equal(1, host.Ticks.SharedStreamsOpened);
    }

    [Fact]
    public async Task An_invalid_shareable_subscription_answers_its_error_and_leaves_nothing_running()
    {
        await using var host = await TransportHost.StartAsync();
        await using var client = await ConnectAsync(host);

        await client.SubscribeAsync("bad", "subscription { sharedTicks(channel: 5) { n } }");

        var error = await client.ReceiveAsync();
        Assert.Equal(("error", "bad"), ((string?)error["type"], (string?)error["id"]));
        Assert.False(string.IsNullOrEmpty((string?)error["payload"]![0]!["extensions"]!["code"]));
        Assert.Equal(0, host.Shared.RunningCount);
    }

    private static async Task<SocketClient> ConnectAsync(TransportHost host, string? team = null)
    {
        var client = await SocketClient.ConnectAsync(host.WebSocketUri);
        var ack = await client.InitAsync(team is null ? null : new Dictionary<string, string> { [TransportHost.TeamKey] = team });
        Assert.Equal("connection_ack", (string?)ack["type"]);
        return client;
    }

    private static (string? Id, int? N) Tick(JsonObject message)
    {
        Assert.Equal("next", (string?)message["type"]);
        return ((string?)message["id"], (int?)message["payload"]!["data"]!["sharedTicks"]!["n"]);
    }

    private static async Task WaitForAttachedAsync(TransportHost host, int count)
        => Assert.True(await WaitUntilAsync(() => host.Shared.AttachedCount == count), $"expected {count} attached subscribers, saw {host.Shared.AttachedCount}");

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        return condition();
    }
}
