using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Infrastructure.Events;

namespace ModelRegistry.Api.Tests.Replicas;

/// <summary>
/// Two replicas on one PostgreSQL database behave as one registry: one write path (gap-free version numbers and audit
/// sequences, one chain) and one event stream (every replica's subscribers get every event in sequence order, with no
/// gap and no duplicate, also after the listening connection was cut).
/// </summary>
[Trait("Category", TestDatabase.PostgresOnly)]
public sealed class ReplicaEventTests(ReplicaEventTests.Replicas fixture) : IClassFixture<ReplicaEventTests.Replicas>
{
    private readonly ReplicaPair replicas = fixture.Pair;

    /// <summary>One pair of replicas for the class, with PRODUCTION promotions applying at once.</summary>
    public sealed class Replicas : IAsyncLifetime
    {
        /// <summary>The replicas.</summary>
        public ReplicaPair Pair { get; private set; } = null!;

        /// <inheritdoc />
        public async Task InitializeAsync()
        {
            Pair = ReplicaPair.Start();
            await ImmediatePromotionPolicy.ApplyAsync(Pair.A.Services);
        }

        /// <inheritdoc />
        public async Task DisposeAsync()
        {
            if (Pair is not null)
                await Pair.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_versions_through_both_replicas_are_numbered_without_gap_and_the_chain_verifies()
    {
        var a = replicas.A.GraphQL();
        var b = replicas.B.GraphQL();
        var modelId = await a.RegisterModelAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).CreateVersionAsync(modelId)));

        var numbers = new List<int>();
        foreach (var id in created)
        {
            var node = await b.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { number } } }", new { id });
            numbers.Add(node.GetProperty("node").GetProperty("number").GetInt32());
        }
        Assert.Equal(Enumerable.Range(1, 40), numbers.Order());
        var verification = (await a.QueryAsync("{ verifyAuditTrail { valid checked } }")).GetProperty("verifyAuditTrail");
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
    }

    [Fact]
    public async Task Subscribers_on_each_replica_receive_the_events_of_both_in_sequence_order_with_no_gap()
    {
        using var onA = new Collector(replicas.A.Services);
        using var onB = new Collector(replicas.B.Services);
        var a = replicas.A.GraphQL();
        var b = replicas.B.GraphQL();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? a : b).RegisterModelAsync()));
        var head = await HeadAsync(a);

        var seenOnA = await onA.UntilAsync(head);
        var seenOnB = await onB.UntilAsync(head);
        Assert.Equal(Contiguous(seenOnA[0], head), seenOnA);
        Assert.Equal(Contiguous(seenOnB[0], head), seenOnB);
        Assert.True(head - seenOnA[0] >= 29, $"Expected at least 30 events, saw {seenOnA.Count}.");
    }

    [Fact]
    public async Task A_replica_whose_listening_connection_is_cut_reconnects_and_delivers_the_events_of_the_gap_in_order()
    {
        var relay = replicas.B.Services.GetRequiredService<PostgresEventRelay>();
        await WaitForAsync(() => relay.ListenerProcessId != 0);
        var cut = relay.ListenerProcessId;
        var connections = relay.Connections;
        using var onB = new Collector(replicas.B.Services);
        var a = replicas.A.GraphQL();
        var before = await HeadAsync(a);

        await TestDatabase.AdminAsync($"SELECT pg_terminate_backend({cut})");
        for (var i = 0; i < 10; i++)
            await a.RegisterModelAsync();
        var head = await HeadAsync(a);

        var seen = await onB.UntilAsync(head);
        Assert.Equal(Contiguous(before + 1, head), seen.Where(s => s > before));
        await WaitForAsync(() => relay.Connections > connections && relay.ListenerProcessId != 0);
        Assert.NotEqual(cut, relay.ListenerProcessId);
    }

    private static async Task<long> HeadAsync(GraphQLClient client)
    {
        var events = await client.QueryAsync("{ registryEvents(last: 1) { nodes { sequence } } }");
        return events.GetProperty("registryEvents").GetProperty("nodes")[0].GetProperty("sequence").GetInt64();
    }

    private static List<long> Contiguous(long from, long to) => Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i).ToList();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Records the sequences a replica's bus delivers, from the moment it is created.</summary>
    private sealed class Collector : IObserver<AuditEvent>, IDisposable
    {
        private readonly ConcurrentQueue<long> _seen = new();
        private readonly IDisposable _subscription;

        public Collector(IServiceProvider services) => _subscription = services.GetRequiredService<IRegistryEventBus>().Events.Subscribe(this);

        public async Task<List<long>> UntilAsync(long head)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!_seen.Contains(head))
            {
                Assert.True(DateTime.UtcNow < deadline, $"Sequence {head} was not delivered within 30 s; delivered: {string.Join(",", _seen)}");
                await Task.Delay(20);
            }
            return _seen.ToList();
        }

        public void OnNext(AuditEvent value) => _seen.Enqueue(value.Sequence);

        public void OnError(Exception error) => throw new InvalidOperationException("The event stream failed.", error);

        public void OnCompleted()
        {
        }

        public void Dispose() => _subscription.Dispose();
    }
}
