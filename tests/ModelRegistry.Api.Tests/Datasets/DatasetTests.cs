using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Datasets;

/// <summary>registerDataset, createDatasetVersion and the dataset fields over HTTP.</summary>
public sealed class DatasetTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string Sha = "A3F1C2D4E5B6978812AB34CD56EF7890A1B2C3D4E5F60718293A4B5C6D7E8F90";

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Registering_a_dataset_returns_its_name_description_and_owner()
    {
        var name = RegistryArrange.UniqueName("tox21");

        var payload = await client.MutateAsync(Operations.RegisterDataset, new { name, description = "Assays", owner = "chem-safety" });

        var dataset = payload.GetProperty("dataset");
        Assert.Equal((name, "Assays", "chem-safety"),
            (dataset.GetProperty("name").GetString(), dataset.GetProperty("description").GetString(), dataset.GetProperty("owner").GetString()));
        Assert.False(string.IsNullOrEmpty(dataset.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Registering_a_taken_dataset_name_is_refused_with_NAME_TAKEN()
    {
        var name = RegistryArrange.UniqueName("dup");
        await client.RegisterDatasetAsync(name);

        var error = await client.MutateExpectingErrorAsync(Operations.RegisterDataset, new { name });

        Assert.Equal(("NameTakenError", "NAME_TAKEN", "name"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Registering_a_dataset_whose_name_is_not_url_safe_is_refused_with_VALIDATION_FAILED()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RegisterDataset, new { name = "Tox 21" });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "name"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Creating_a_dataset_version_returns_its_label_uri_lower_case_digest_and_row_count()
    {
        var datasetId = await client.RegisterDatasetAsync();

        var payload = await client.MutateAsync(Operations.CreateDatasetVersion, new
        {
            datasetId, version = " 2026.06 ", uri = "s3://datasets/tox21/2026.06/", sha256 = Sha, rowCount = 12_707_000_000L,
        });

        var version = payload.GetProperty("datasetVersion");
        Assert.Equal("2026.06", version.GetProperty("version").GetString());
        Assert.Equal("s3://datasets/tox21/2026.06/", version.GetProperty("uri").GetString());
        Assert.Equal(Sha.ToLowerInvariant(), version.GetProperty("sha256").GetString());
        Assert.Equal(12_707_000_000L, version.GetProperty("rowCount").GetInt64());
        Assert.Equal(datasetId, version.GetProperty("dataset").GetProperty("id").GetString());
        Assert.Equal(0, version.GetProperty("usedBy").GetArrayLength());
    }

    [Fact]
    public async Task Reusing_a_version_label_within_a_dataset_is_refused_with_NAME_TAKEN_on_version()
    {
        var datasetId = await client.RegisterDatasetAsync();
        await client.CreateDatasetVersionAsync(datasetId, "v3");

        var error = await client.MutateExpectingErrorAsync(Operations.CreateDatasetVersion, new { datasetId, version = "v3" });

        Assert.Equal(("NameTakenError", "NAME_TAKEN", "version"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task The_same_version_label_is_free_in_another_dataset()
    {
        await client.CreateDatasetVersionAsync(await client.RegisterDatasetAsync(), "v1");

        var payload = await client.MutateAsync(Operations.CreateDatasetVersion, new { datasetId = await client.RegisterDatasetAsync(), version = "v1" });

        Assert.Equal("v1", payload.GetProperty("datasetVersion").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Creating_a_version_of_an_unknown_dataset_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.CreateDatasetVersion, new { datasetId = Ids.Unknown("Dataset"), version = "v1" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "datasetId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task A_digest_that_is_not_64_hex_digits_is_refused_with_VALIDATION_FAILED_on_sha256()
    {
        var datasetId = await client.RegisterDatasetAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.CreateDatasetVersion, new { datasetId, version = "v1", sha256 = "abc" });

        Assert.Equal(("VALIDATION_FAILED", "sha256"), (error.Code, error.Field));
    }

    [Fact]
    public async Task A_dataset_lists_its_versions_and_a_version_lists_the_model_versions_that_used_it()
    {
        var datasetId = await client.RegisterDatasetAsync();
        var march = await client.CreateDatasetVersionAsync(datasetId, "2026.03");
        var june = await client.CreateDatasetVersionAsync(datasetId, "2026.06");
        var modelId = await client.RegisterModelAsync();
        var trained = await client.CreateVersionAsync(modelId, june);
        var validated = await client.CreateVersionAsync(modelId);
        await client.AddEdgeAsync(june, validated, "VALIDATED_ON");

        var data = await client.QueryAsync("""
            query($id: ID!, $june: ID!) {
              dataset: node(id: $id) { ... on Dataset { versions(first: 10) { totalCount nodes { id version dataset { id } } } } }
              june: node(id: $june) { ... on DatasetVersion { usedBy { id } } }
            }
            """, new { id = datasetId, june });

        var versions = data.GetProperty("dataset").GetProperty("versions");
        Assert.Equal(2, versions.GetProperty("totalCount").GetInt32());
        Assert.Equal([march, june], versions.GetProperty("nodes").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.All(versions.GetProperty("nodes").EnumerateArray(), v => Assert.Equal(datasetId, v.GetProperty("dataset").GetProperty("id").GetString()));
        Assert.Equal([trained, validated], data.GetProperty("june").GetProperty("usedBy").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_datasets_root_pages_through_every_dataset()
    {
        var id = await client.RegisterDatasetAsync();

        var data = await client.QueryAsync("{ datasets(first: 100) { totalCount nodes { id } } }");

        var datasets = data.GetProperty("datasets");
        Assert.Contains(id, datasets.GetProperty("nodes").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(datasets.GetProperty("nodes").GetArrayLength(), datasets.GetProperty("totalCount").GetInt32());
    }
}
