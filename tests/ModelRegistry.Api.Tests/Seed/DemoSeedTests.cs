using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Relay;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace ModelRegistry.Api.Tests.Seed;

/// <summary>The demo organisation loaded with Registry:Seed=demo, as a client reads it.</summary>
public sealed class DemoSeedTests(DemoRegistryApiFactory factory) : IClassFixture<DemoRegistryApiFactory>
{
    private const string ModelCard = """
        query($name: String!) { model(name: $name) {
          name displayName task owner tags businessContext createdBy
          aliases { name version { number } }
          versions(first: 10) { totalCount nodes {
            number stage description framework hyperparameters tags
            metrics { name value split dataset { version dataset { name } } }
            trainedOn { version dataset { name } }
            sourceCode { repository commit path }
            stageHistory { from to by reason }
            deployments { environment endpoint platform status trafficPercent consumers { name } }
          } }
        } }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<JsonElement> ModelAsync(string name) => (await client.QueryAsync(ModelCard, new { name })).GetProperty("model");

    [Fact]
    public async Task Toxicity_classifier_version_2_is_in_PRODUCTION_with_auc_092_trained_on_tox21_assays()
    {
        var model = await ModelAsync("toxicity-classifier");

        var v2 = model.GetProperty("versions").GetProperty("nodes").EnumerateArray().Single(v => v.GetProperty("number").GetInt32() == 2);
        Assert.Equal("PRODUCTION", v2.GetProperty("stage").GetString());
        var auc = v2.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "auc");
        Assert.Equal(0.92, auc.GetProperty("value").GetDouble());
        Assert.Contains("tox21-assays", v2.GetProperty("trainedOn").EnumerateArray().Select(d => d.GetProperty("dataset").GetProperty("name").GetString()));
        Assert.Equal([("champion", 2)], model.GetProperty("aliases").EnumerateArray()
            .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("version").GetProperty("number").GetInt32())));
    }

    [Fact]
    public async Task Toxicity_classifier_version_2_serves_in_production_to_two_consumers()
    {
        var model = await ModelAsync("toxicity-classifier");

        var v2 = model.GetProperty("versions").GetProperty("nodes").EnumerateArray().Single(v => v.GetProperty("number").GetInt32() == 2);
        var deployment = Assert.Single(v2.GetProperty("deployments").EnumerateArray());
        Assert.Equal(("production", "ACTIVE", 100),
            (deployment.GetProperty("environment").GetString(), deployment.GetProperty("status").GetString(), deployment.GetProperty("trafficPercent").GetInt32()));
        Assert.Equal(["compound-screening-portal", "lab-notebook-plugin"],
            deployment.GetProperty("consumers").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_ranker_is_FINE_TUNED_FROM_toxicity_classifier_version_2()
    {
        // The schema has no lineage listing yet, so the edge is found through its audit event and then read over the API.
        var added = (await factory.AuditEventsAsync()).Single(e => e.Type == EventTypes.LineageEdgeAdded && e.PayloadJson.Contains("FINE_TUNED_FROM"));

        var data = await client.QueryAsync("""
            query($id: ID!) { node(id: $id) { ... on LineageEdge { relation validTo
              source { ... on ModelVersion { number model { name } } }
              target { ... on ModelVersion { number model { name } } } } } }
            """, new { id = GlobalId.Encode("LineageEdge", added.SubjectId) });

        var edge = data.GetProperty("node");
        Assert.Equal("FINE_TUNED_FROM", edge.GetProperty("relation").GetString());
        Assert.Equal(JsonValueKind.Null, edge.GetProperty("validTo").ValueKind);
        Assert.Equal(("toxicity-classifier", 2), (edge.GetProperty("source").GetProperty("model").GetProperty("name").GetString(), edge.GetProperty("source").GetProperty("number").GetInt32()));
        Assert.Equal(("drug-repurposing-ranker", 1), (edge.GetProperty("target").GetProperty("model").GetProperty("name").GetString(), edge.GetProperty("target").GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Fraud_and_churn_models_are_loaded_with_their_stages()
    {
        var fraud = await ModelAsync("fraud-detector");
        var churn = await ModelAsync("churn-predictor");

        var fraudV1 = Assert.Single(fraud.GetProperty("versions").GetProperty("nodes").EnumerateArray());
        Assert.Equal("PRODUCTION", fraudV1.GetProperty("stage").GetString());
        Assert.Equal(["payments-gateway"], Assert.Single(fraudV1.GetProperty("deployments").EnumerateArray()).GetProperty("consumers").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var churnV1 = Assert.Single(churn.GetProperty("versions").GetProperty("nodes").EnumerateArray());
        Assert.Equal("DEVELOPMENT", churnV1.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task The_seed_records_three_deployments_four_models_and_four_datasets()
    {
        var data = await client.QueryAsync("{ models { totalCount } datasets { totalCount } deployments { totalCount nodes { consumers { name } } } }");

        Assert.Equal(4, data.GetProperty("models").GetProperty("totalCount").GetInt32());
        Assert.Equal(4, data.GetProperty("datasets").GetProperty("totalCount").GetInt32());
        Assert.Equal(3, data.GetProperty("deployments").GetProperty("totalCount").GetInt32());
        Assert.All(data.GetProperty("deployments").GetProperty("nodes").EnumerateArray(), d => Assert.NotEqual(0, d.GetProperty("consumers").GetArrayLength()));
    }

    [Fact]
    public async Task The_seed_is_written_by_the_registry_seed_actor_and_PRODUCTION_is_approved_by_an_independent_reviewer_on_an_intact_chain()
    {
        var events = await factory.AuditEventsAsync();

        // The approval applies the pending promotion, so the reviewer is also the actor of the stage change it causes.
        var reviewed = events.Where(e => e.Actor != "registry-seed").ToList();
        Assert.All(reviewed, e => Assert.Equal("model-risk-office", e.Actor));
        Assert.Equal(
            [EventTypes.PromotionApproved, EventTypes.StageChanged, EventTypes.PromotionApproved, EventTypes.StageChanged],
            reviewed.Select(e => e.Type));
        Assert.All(reviewed.Where(e => e.Type == EventTypes.StageChanged), e => Assert.Contains("\"PRODUCTION\"", e.PayloadJson, StringComparison.OrdinalIgnoreCase));
        var previous = AuditChain.Genesis;
        foreach (var e in events)
        {
            Assert.True(AuditChain.IsIntact(e, previous), $"Event {e.Sequence} breaks the chain");
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task The_toxicity_classifier_model_card_matches_its_snapshot()
    {
        var model = await ModelAsync("toxicity-classifier");

        JToken.Parse(model.GetRawText()).MatchSnapshot();
    }
}
