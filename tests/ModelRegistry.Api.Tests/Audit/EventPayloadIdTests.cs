using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>Keys inside <c>RegistryEvent.payload</c> reach clients as global IDs; the stored, chained payload keeps its raw keys.</summary>
public sealed class EventPayloadIdTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string ModelEvents = """
        query($m: ID!) { registryEvents(first: 100, where: { modelId: { eq: $m } }) { nodes { sequence type payload } } }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Event_payloads_show_every_key_as_the_global_ID_that_node_accepts()
    {
        var modelId = await client.RegisterModelAsync();
        var data = await client.DatasetVersionAsync();
        var first = await client.CreateVersionAsync(modelId, data);
        var second = await client.CreateVersionAsync(modelId);
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = first, reason = "Best" });
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = second, reason = "Better" });
        await client.AddEdgeAsync(first, second, "FINE_TUNED_FROM");
        await client.PromoteAsync(second, "STAGING");

        var events = (await client.QueryAsync(ModelEvents, new { m = modelId })).GetProperty("registryEvents").GetProperty("nodes").EnumerateArray().ToList();
        JsonElement Payload(string type) => events.Last(e => e.GetProperty("type").GetString() == type).GetProperty("payload");

        var created = events.First(e => e.GetProperty("type").GetString() == EventTypes.VersionCreated).GetProperty("payload");
        Assert.Equal([data], created.GetProperty("trainedOn").EnumerateArray().Select(d => d.GetString()));
        var alias = Payload(EventTypes.AliasSet);
        Assert.Equal((second, first), (alias.GetProperty("modelVersionId").GetString(), alias.GetProperty("previousModelVersionId").GetString()));
        var edge = Payload(EventTypes.LineageEdgeAdded);
        Assert.Equal((first, second), (edge.GetProperty("source").GetString(), edge.GetProperty("target").GetString()));
        var request = Payload(EventTypes.PromotionRequested);
        var stage = Payload(EventTypes.StageChanged);
        Assert.True(GlobalId.TryDecode(stage.GetProperty("promotionRequestId").GetString(), out var requestType, out _));
        Assert.Equal("PromotionRequest", requestType);
        Assert.Equal(2, alias.GetProperty("version").GetInt32());
        Assert.Equal("STAGING", request.GetProperty("targetStage").GetString());
    }

    [Fact]
    public async Task The_stored_payload_keeps_its_raw_keys_so_the_chain_written_before_still_verifies()
    {
        var modelId = await client.RegisterModelAsync();
        var first = await client.CreateVersionAsync(modelId);
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "prod", modelVersionId = first, reason = "First" });

        var stored = (await factory.AuditEventsAsync()).Last(e => e.Type == EventTypes.AliasSet && e.ModelId == Ids.KeyOf(modelId));
        var verified = await client.QueryAsync("{ verifyAuditTrail { valid } }");

        Assert.Equal(Ids.KeyOf(first), JsonDocument.Parse(stored.PayloadJson).RootElement.GetProperty("modelVersionId").GetInt64());
        Assert.True(verified.GetProperty("verifyAuditTrail").GetProperty("valid").GetBoolean());
    }
}
