using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// Live events over the WebSocket transport reach only subscribers who may read them: a VIEWER of team:a, signed in through
/// connection_init, never receives team b's events on registryEvents or modelVersionPromoted, while team b's VIEWER does.
/// </summary>
public sealed class SubscriptionIsolationTests(ReadLeakHost host) : IClassFixture<ReadLeakHost>
{
    private const string Subscriptions = """
        {"events":"subscription { registryEvents { sequence type model { name } } }",
         "promoted":"subscription { modelVersionPromoted { sequence to } }"}
        """;

    [Fact]
    public async Task A_team_scoped_subscriber_never_receives_another_teams_events()
    {
        var admin = host.Admin;
        var readerB = await host.ClientAsAsync("leakprobe-reader-b", (Role.Viewer, "team:b"));
        await using var a = await Subscriber.ConnectAsync(host, host.Reader.ApiKey!);
        await using var b = await Subscriber.ConnectAsync(host, readerB.ApiKey!);

        // Live subscriptions have no acknowledgement: promote team-a and team-b versions until both sockets deliver on both.
        await WarmUpAsync(admin, a, host.A.Model);
        await WarmUpAsync(admin, b, host.B.Model);
        var hiddenFromA = await PromotedVersionAsync(admin, host.B.Model);
        var markerA = await PromotedVersionAsync(admin, host.A.Model);
        var hiddenFromB = await PromotedVersionAsync(admin, host.A.Model);
        var markerB = await PromotedVersionAsync(admin, host.B.Model);

        // Events arrive in commit order, so everything team b did before the marker has been delivered by the time it is.
        var seenByA = await a.UntilBothDeliverAsync(markerA);
        var seenByB = await b.UntilBothDeliverAsync(markerB);
        Assert.DoesNotContain(seenByA, hiddenFromA.Contains);
        Assert.DoesNotContain(seenByB, hiddenFromB.Contains);
        Assert.Contains(seenByB, hiddenFromA.Contains);
        // Each event resolves in a scope of its own, which must read with the subscriber's visibility, not none.
        Assert.Equal(new string?[] { "leakprobe-a" }, a.ModelNamesOf(markerA));
        Assert.Equal(new string?[] { "leakprobe-b" }, b.ModelNamesOf(markerB));
    }

    private static async Task WarmUpAsync(GovernanceClient admin, Subscriber subscriber, string modelId)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var sequences = await PromotedVersionAsync(admin, modelId);
            if (await subscriber.DeliveredOnBothAsync(sequences, TimeSpan.FromSeconds(1)))
                return;
        }
        Assert.Fail("The subscriptions never went live.");
    }

    // Creates a version of the model and promotes it to STAGING; returns the sequences of the events this logged.
    private static async Task<HashSet<long>> PromotedVersionAsync(GovernanceClient admin, string modelId)
    {
        // Sequences run from 1 without gaps, so the admin's count is the head of the log.
        var head = (await admin.QueryAsync("{ registryEvents(first: 1) { totalCount } }")).GetProperty("registryEvents").GetProperty("totalCount").GetInt64();
        var version = await admin.VersionAsync(modelId);
        await admin.PromoteAsync(version, "STAGING");
        var logged = await admin.QueryAsync(
            "query($m: ID!, $head: Long!) { registryEvents(first: 20, where: { modelId: { eq: $m }, sequence: { gt: $head } }) { nodes { sequence } } }",
            new { m = modelId, head });
        return logged.GetProperty("registryEvents").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("sequence").GetInt64()).ToHashSet();
    }

    /// <summary>One graphql-transport-ws connection signed in with an API key in connection_init, subscribed to both fields.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
        private readonly WebSocket _socket;
        private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
        private readonly List<(string Id, long Sequence, string? Model)> _received = [];
        private readonly Task _reading;

        private Subscriber(WebSocket socket)
        {
            _socket = socket;
            // One reader for the socket's lifetime: a cancelled receive would abort the socket, a wait on the channel does not.
            _reading = Task.Run(ReadAllAsync);
        }

        public static async Task<Subscriber> ConnectAsync(ReadLeakHost host, string apiKey)
        {
            var client = host.Server.CreateWebSocketClient();
            client.SubProtocols.Add("graphql-transport-ws");
            var subscriber = new Subscriber(await client.ConnectAsync(new Uri("ws://localhost/graphql"), CancellationToken.None));
            await subscriber.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["X-Api-Key"] = apiKey } });
            Assert.Equal("connection_ack", (string?)(await subscriber.NextAsync(Patience))?["type"]);
            foreach (var (id, query) in JsonNode.Parse(Subscriptions)!.AsObject())
                await subscriber.SendAsync(new JsonObject { ["id"] = id, ["type"] = "subscribe", ["payload"] = new JsonObject { ["query"] = query!.GetValue<string>() } });
            return subscriber;
        }

        // True once both subscriptions delivered one of the sequences; false when the socket stayed quiet for `quiet`.
        public async Task<bool> DeliveredOnBothAsync(HashSet<long> sequences, TimeSpan quiet)
        {
            while (!DeliveredOnBoth(sequences))
            {
                if (await NextAsync(quiet) is not { } message)
                    return false;
                Record(message);
            }
            return true;
        }

        // Every sequence received, once both subscriptions delivered one of the marker's.
        public async Task<IReadOnlyList<long>> UntilBothDeliverAsync(HashSet<long> marker)
        {
            Assert.True(await DeliveredOnBothAsync(marker, Patience), "The marker events never arrived.");
            return _received.Select(r => r.Sequence).ToList();
        }

        // The distinct model names registryEvents resolved for the given events.
        public IReadOnlyList<string?> ModelNamesOf(HashSet<long> sequences)
            => _received.Where(r => r.Id == "events" && sequences.Contains(r.Sequence)).Select(r => r.Model).Distinct().ToList();

        private bool DeliveredOnBoth(HashSet<long> sequences)
            => _received.Any(r => r.Id == "events" && sequences.Contains(r.Sequence))
               && _received.Any(r => r.Id == "promoted" && sequences.Contains(r.Sequence));

        private void Record(JsonObject message)
        {
            var type = (string?)message["type"];
            Assert.True(type is "next" or "ping" or "pong", $"Unexpected message: {message.ToJsonString()}");
            if (type != "next")
                return;
            var id = (string)message["id"]!;
            var field = id == "events" ? "registryEvents" : "modelVersionPromoted";
            var data = message["payload"]!["data"]![field]!;
            _received.Add((id, (long)data["sequence"]!, (string?)data["model"]?["name"]));
        }

        private async Task<JsonObject?> NextAsync(TimeSpan patience)
        {
            using var timeout = new CancellationTokenSource(patience);
            try
            {
                return await _messages.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return null;
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

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
                    _messages.Writer.TryWrite(JsonNode.Parse(text.ToArray())!.AsObject());
                }
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The socket was closed (by the host, or by DisposeAsync); the waiting side sees the channel end.
            }
            finally
            {
                _messages.Writer.TryComplete();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            _socket.Abort();
            await _reading;
            _socket.Dispose();
        }
    }
}
