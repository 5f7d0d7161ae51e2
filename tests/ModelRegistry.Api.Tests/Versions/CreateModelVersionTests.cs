using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Versions;

/// <summary>createModelVersion over HTTP.</summary>
public sealed class CreateModelVersionTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Creating_a_version_returns_number_1_in_DEVELOPMENT_with_its_metrics_parameters_source_and_training_data()
    {
        var modelId = await client.RegisterModelAsync();
        var datasetVersionId = await client.DatasetVersionAsync();

        var payload = await client.MutateAsync(Operations.CreateModelVersion, new
        {
            modelId, description = "Baseline", framework = "pytorch 2.4",
            hyperparameters = new { layers = 4, hidden = 128, dropout = 0.1, optimiser = new { name = "adam" }, schedule = new[] { 1, 2 } },
            trainingParameters = new { seed = 42 },
            metrics = new object[]
            {
                new { name = "auc", value = 0.92, split = "test", datasetVersionId },
                new { name = "f1", value = 0.81 },
            },
            tags = new[] { "Baseline", "gnn" },
            sourceCode = new { repository = "https://git.example/tox", commit = "a1b2c3d", path = "train.py" },
            trainedOn = new[] { datasetVersionId },
        });

        var version = payload.GetProperty("modelVersion");
        Assert.Equal(1, version.GetProperty("number").GetInt32());
        Assert.Equal("DEVELOPMENT", version.GetProperty("stage").GetString());
        Assert.Equal("Baseline", version.GetProperty("description").GetString());
        Assert.Equal("pytorch 2.4", version.GetProperty("framework").GetString());
        Assert.Equal(TestCredentials.AdminPrincipal, version.GetProperty("createdBy").GetString());
        Assert.Equal(modelId, version.GetProperty("model").GetProperty("id").GetString());
        var hyper = version.GetProperty("hyperparameters");
        Assert.Equal(4, hyper.GetProperty("layers").GetInt32());
        Assert.Equal(0.1, hyper.GetProperty("dropout").GetDouble());
        Assert.Equal("adam", hyper.GetProperty("optimiser").GetProperty("name").GetString());
        Assert.Equal([1, 2], hyper.GetProperty("schedule").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(42, version.GetProperty("trainingParameters").GetProperty("seed").GetInt32());
        var metrics = version.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(2, metrics.Count);
        Assert.Equal(("auc", 0.92, "test"), (metrics[0].GetProperty("name").GetString(), metrics[0].GetProperty("value").GetDouble(), metrics[0].GetProperty("split").GetString()));
        Assert.Equal(datasetVersionId, metrics[0].GetProperty("dataset").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, metrics[1].GetProperty("dataset").ValueKind);
        Assert.Equal(["baseline", "gnn"], version.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var source = version.GetProperty("sourceCode");
        Assert.Equal(("https://git.example/tox", "a1b2c3d", "train.py"),
            (source.GetProperty("repository").GetString(), source.GetProperty("commit").GetString(), source.GetProperty("path").GetString()));
        Assert.Equal([datasetVersionId], version.GetProperty("trainedOn").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        var created = Assert.Single(version.GetProperty("stageHistory").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("from").ValueKind);
        Assert.Equal("DEVELOPMENT", created.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Hyperparameters_keep_any_json_value_including_arrays_and_strings()
    {
        var modelId = await client.RegisterModelAsync();

        var array = await client.MutateAsync(Operations.CreateModelVersion, new { modelId, hyperparameters = new object[] { 1, "two", true } });
        var text = await client.MutateAsync(Operations.CreateModelVersion, new { modelId, hyperparameters = "plain" });

        Assert.Equal("""[1,"two",true]""", array.GetProperty("modelVersion").GetProperty("hyperparameters").GetRawText());
        Assert.Equal("plain", text.GetProperty("modelVersion").GetProperty("hyperparameters").GetString());
    }

    [Fact]
    public async Task Version_numbers_count_per_model()
    {
        var first = await client.RegisterModelAsync();
        var second = await client.RegisterModelAsync();

        var a1 = await client.MutateAsync(Operations.CreateModelVersion, new { modelId = first });
        var a2 = await client.MutateAsync(Operations.CreateModelVersion, new { modelId = first });
        var b1 = await client.MutateAsync(Operations.CreateModelVersion, new { modelId = second });

        Assert.Equal([1, 2, 1], new[] { a1, a2, b1 }.Select(p => p.GetProperty("modelVersion").GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Creating_a_version_of_an_unknown_model_is_refused_with_NOT_FOUND_on_modelId()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.CreateModelVersion, new { modelId = Ids.Unknown("Model") });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "modelId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Training_on_an_unknown_dataset_version_is_refused_with_NOT_FOUND_and_uses_no_number()
    {
        var modelId = await client.RegisterModelAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.CreateModelVersion,
            new { modelId, trainedOn = new[] { Ids.Unknown("DatasetVersion") } });
        var next = await client.MutateAsync(Operations.CreateModelVersion, new { modelId });

        Assert.Equal(("NOT_FOUND", "trainedOn"), (error.Code, error.Field));
        Assert.Equal(1, next.GetProperty("modelVersion").GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Training_on_a_malformed_id_is_refused_with_VALIDATION_FAILED_on_trainedOn()
    {
        var modelId = await client.RegisterModelAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.CreateModelVersion, new { modelId, trainedOn = new[] { "garbage" } });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "trainedOn"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task A_metric_without_a_name_is_refused_with_VALIDATION_FAILED_on_metrics()
    {
        var modelId = await client.RegisterModelAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.CreateModelVersion,
            new { modelId, metrics = new[] { new { name = " ", value = 1.0 } } });

        Assert.Equal(("VALIDATION_FAILED", "metrics"), (error.Code, error.Field));
    }
}
