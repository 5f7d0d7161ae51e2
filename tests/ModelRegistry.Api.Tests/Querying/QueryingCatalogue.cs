using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Querying;

/// <summary>A model the seed registered.</summary>
public sealed record SeededModel(string Id, long Key, string Name, string Owner, IReadOnlyList<string> Tags, DateTime CreatedAt);

/// <summary>A version the seed created, with its final stage and metrics.</summary>
public sealed record SeededVersion(string Id, long Key, SeededModel Model, int Number, string Stage, IReadOnlyDictionary<string, double> Metrics);

/// <summary>A deployment the seed recorded, with its final status.</summary>
public sealed record SeededDeployment(string Id, long Key, SeededVersion Version, string Environment, string Status);

/// <summary>
/// The registry the querying tests read: 64 models of 2–3 versions each, with metrics, TRAINED_ON dataset versions,
/// every stage, and deployments with consumers, some of them draining. Created only through the public mutations.
/// </summary>
public sealed class QueryingCatalogue
{
    /// <summary>How many models the seed registers.</summary>
    public const int ModelCount = 64;

    /// <summary>The stages of the contract, in lifecycle (declaration) order.</summary>
    public static readonly IReadOnlyList<string> Stages = ["DEVELOPMENT", "STAGING", "PRODUCTION", "ARCHIVED"];

    private static readonly string[] Words = ["churn", "fraud", "ranker", "forecast", "embedder", "sentiment"];
    private static readonly string[] Tasks = ["CLASSIFICATION", "REGRESSION", "RANKING"];

    /// <summary>The models, in registration order.</summary>
    public List<SeededModel> Models { get; } = [];

    /// <summary>The versions, in creation order.</summary>
    public List<SeededVersion> Versions { get; } = [];

    /// <summary>The deployments, in the order recorded.</summary>
    public List<SeededDeployment> Deployments { get; } = [];

    /// <summary>Creates the catalogue through <paramref name="registry"/>'s mutations.</summary>
    public static async Task<QueryingCatalogue> SeedAsync(QueryingRegistry registry)
    {
        var catalogue = new QueryingCatalogue();
        var datasetVersions = await SeedDatasetsAsync(registry);
        await catalogue.RegisterModelsAsync(registry);
        await catalogue.CreateVersionsAsync(registry, datasetVersions);
        await catalogue.DeployAsync(registry);
        return catalogue;
    }

    private static async Task<List<string>> SeedDatasetsAsync(QueryingRegistry registry)
    {
        var data = await registry.QueryAsync("""
            mutation {
              a: registerDataset(input: { name: "customers", owner: "team-0" }) { dataset { id } errors { code } }
              b: registerDataset(input: { name: "transactions", owner: "team-1" }) { dataset { id } errors { code } }
            }
            """);
        var versions = new StringBuilder("mutation {");
        var labels = new[] { ("a", "2026-01"), ("a", "2026-02"), ("b", "v1"), ("b", "v2") };
        foreach (var ((alias, label), k) in labels.Select((l, k) => (l, k)))
        {
            var datasetId = data[alias]!["dataset"]!["id"]!.GetValue<string>();
            versions.Append(CultureInfo.InvariantCulture,
                $" v{k}: createDatasetVersion(input: {{ datasetId: \"{datasetId}\", version: \"{label}\" }}) {{ datasetVersion {{ id }} errors {{ code }} }}");
        }
        var created = await registry.QueryAsync(versions.Append('}').ToString());
        return created.Select(p => p.Value!["datasetVersion"]!["id"]!.GetValue<string>()).ToList();
    }

    private async Task RegisterModelsAsync(QueryingRegistry registry)
    {
        var document = new StringBuilder("mutation {");
        for (var i = 0; i < ModelCount; i++)
        {
            var name = i % 10 == 3 ? $"tox-screen-{i:D2}" : $"{Words[i % Words.Length]}-{i:D2}";
            var owner = i % 4 == 0 ? "x" : $"team-{i % 3}";
            var tags = i % 7 == 0 ? "[\"toxicity\", \"nlp\"]" : "[\"batch\"]";
            document.Append(CultureInfo.InvariantCulture,
                $" m{i}: registerModel(input: {{ name: \"{name}\", task: {Tasks[i % Tasks.Length]}, owner: \"{owner}\", tags: {tags} }})")
                .Append(" { model { id name owner tags createdAt } errors { code message } }");
        }
        var data = await registry.QueryAsync(document.Append('}').ToString());
        for (var i = 0; i < ModelCount; i++)
        {
            var payload = data[$"m{i}"]!;
            Assert.Null(payload["errors"]);
            var model = payload["model"]!;
            var id = model["id"]!.GetValue<string>();
            Models.Add(new SeededModel(id, GlobalId.DecodeLong(id, "Model"), model["name"]!.GetValue<string>(), model["owner"]!.GetValue<string>(),
                model["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(),
                DateTime.Parse(model["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }
    }

    private async Task CreateVersionsAsync(QueryingRegistry registry, List<string> datasetVersions)
    {
        var document = new StringBuilder("mutation {");
        var planned = new List<(SeededModel Model, int Number, Dictionary<string, double> Metrics)>();
        foreach (var (model, i) in Models.Select((m, i) => (m, i)))
        {
            for (var n = 1; n <= 2 + i % 2; n++)
            {
                var metrics = new Dictionary<string, double>
                {
                    ["auc"] = (i * 37 + n * 53) % 100 / 100.0,
                    ["f1"] = (i * 11 + n * 29) % 100 / 100.0,
                };
                planned.Add((model, n, metrics));
                var metricList = string.Join(", ", metrics.Select(m =>
                    string.Create(CultureInfo.InvariantCulture, $"{{ name: \"{m.Key}\", value: {m.Value:0.00}, split: \"test\" }}")));
                document.Append(CultureInfo.InvariantCulture,
                    $" v{planned.Count}: createModelVersion(input: {{ modelId: \"{model.Id}\", framework: \"sklearn\", metrics: [{metricList}],"
                    + $" trainedOn: [\"{datasetVersions[(i + n) % datasetVersions.Count]}\"] }}) {{ modelVersion {{ id number }} errors {{ code message }} }}");
            }
        }
        var data = await registry.QueryAsync(document.Append('}').ToString());
        var promotions = new StringBuilder("mutation {");
        for (var k = 0; k < planned.Count; k++)
        {
            var payload = data[$"v{k + 1}"]!;
            Assert.Null(payload["errors"]);
            var id = payload["modelVersion"]!["id"]!.GetValue<string>();
            var (model, number, metrics) = planned[k];
            Assert.Equal(number, payload["modelVersion"]!["number"]!.GetValue<int>());
            var stage = Stages[(Models.IndexOf(model) + number) % Stages.Count];
            var path = stage switch
            {
                "STAGING" => new[] { "STAGING" },
                "PRODUCTION" => ["STAGING", "PRODUCTION"],
                "ARCHIVED" => ["ARCHIVED"],
                _ => [],
            };
            foreach (var (target, step) in path.Select((t, s) => (t, s)))
            {
                promotions.Append(CultureInfo.InvariantCulture,
                    $" p{k}_{step}: promoteModelVersion(input: {{ modelVersionId: \"{id}\", targetStage: {target}, reason: \"seed\" }}) {{ errors {{ code message }} }}");
            }
            Versions.Add(new SeededVersion(id, GlobalId.DecodeLong(id, "ModelVersion"), model, number, stage, metrics));
        }
        var promoted = await registry.QueryAsync(promotions.Append('}').ToString());
        Assert.All(promoted, p => Assert.Null(p.Value!["errors"]));
    }

    private async Task DeployAsync(QueryingRegistry registry)
    {
        var deployable = Versions.Where(v => v.Stage is "STAGING" or "PRODUCTION").ToList();
        var document = new StringBuilder("mutation {");
        foreach (var (version, k) in deployable.Select((v, k) => (v, k)))
        {
            var environment = version.Stage == "PRODUCTION" ? "production" : "staging";
            var consumers = version.Stage == "PRODUCTION" ? $"[\"app-{k % 5}\", \"app-shared\"]" : $"[\"app-{k % 5}\"]";
            document.Append(CultureInfo.InvariantCulture,
                $" d{k}: recordDeployment(input: {{ modelVersionId: \"{version.Id}\", environment: \"{environment}\", platform: \"kserve\", consumers: {consumers} }})")
                .Append(" { deployment { id status } errors { code message } }");
        }
        var data = await registry.QueryAsync(document.Append('}').ToString());
        var updates = new StringBuilder("mutation {");
        foreach (var (version, k) in deployable.Select((v, k) => (v, k)))
        {
            var payload = data[$"d{k}"]!;
            Assert.Null(payload["errors"]);
            var id = payload["deployment"]!["id"]!.GetValue<string>();
            var status = k % 3 == 0 ? "DRAINING" : payload["deployment"]!["status"]!.GetValue<string>();
            if (status == "DRAINING")
                updates.Append(CultureInfo.InvariantCulture, $" u{k}: updateDeploymentStatus(input: {{ id: \"{id}\", status: DRAINING }}) {{ errors {{ code message }} }}");
            Deployments.Add(new SeededDeployment(id, GlobalId.DecodeLong(id, "Deployment"), version,
                version.Stage == "PRODUCTION" ? "production" : "staging", status));
        }
        var updated = await registry.QueryAsync(updates.Append('}').ToString());
        Assert.All(updated, p => Assert.Null(p.Value!["errors"]));
    }

    /// <summary>The rank SQL sorts a stage by: its position in the lifecycle.</summary>
    public static int StageRank(string stage) => Stages.ToList().IndexOf(stage);

    /// <summary>The nodes of a connection as a list of their IDs.</summary>
    public static List<string> Ids(JsonNode connection)
        => connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
}
