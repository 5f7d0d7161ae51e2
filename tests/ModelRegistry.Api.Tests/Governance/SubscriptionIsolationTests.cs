using System.Text.Json.Nodes;
using ModelRegistry.Api.Tests.Fixtures;
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
    private sealed class Subscriber(RegistrySocket socket) : IAsyncDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
        private readonly List<(string Id, long Sequence, string? Model)> _received = [];

        public static async Task<Subscriber> ConnectAsync(ReadLeakHost host, string apiKey)
        {
            var socket = await RegistrySocket.ConnectAsync(host, RegistrySocket.TransportWs, apiKey);
            foreach (var (id, query) in JsonNode.Parse(Subscriptions)!.AsObject())
                await socket.StartAsync(id, query!.GetValue<string>());
            return new Subscriber(socket);
        }

        // True once both subscriptions delivered one of the sequences; false when the socket stayed quiet for `quiet`.
        public async Task<bool> DeliveredOnBothAsync(HashSet<long> sequences, TimeSpan quiet)
        {
            while (!DeliveredOnBoth(sequences))
            {
                if (await socket.TryReceiveAsync(_ => true, quiet) is not { } message)
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
            Assert.True((string?)message["type"] == "next", $"Unexpected message: {message.ToJsonString()}");
            var id = (string)message["id"]!;
            var field = id == "events" ? "registryEvents" : "modelVersionPromoted";
            var data = message["payload"]!["data"]![field]!;
            _received.Add((id, (long)data["sequence"]!, (string?)data["model"]?["name"]));
        }

        public ValueTask DisposeAsync() => socket.DisposeAsync();
    }
}
