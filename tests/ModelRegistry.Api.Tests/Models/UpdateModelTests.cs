using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Models;

/// <summary>updateModel over HTTP.</summary>
public sealed class UpdateModelTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Updating_a_model_changes_the_given_fields_and_keeps_name_task_and_owner()
    {
        var name = RegistryArrange.UniqueName("card");
        var id = await client.RegisterModelAsync(name);

        var payload = await client.MutateAsync(Operations.UpdateModel, new
        {
            id, displayName = "Card model", description = "Now documented", tags = new[] { "Fraud", "fraud", "payments" },
            businessContext = "Stops fraud", reason = "Model card review",
        });

        var model = payload.GetProperty("model");
        Assert.Equal(id, model.GetProperty("id").GetString());
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("CLASSIFICATION", model.GetProperty("task").GetString());
        Assert.Equal("test-team", model.GetProperty("owner").GetString());
        Assert.Equal("Card model", model.GetProperty("displayName").GetString());
        Assert.Equal("Now documented", model.GetProperty("description").GetString());
        Assert.Equal("Stops fraud", model.GetProperty("businessContext").GetString());
        Assert.Equal(["fraud", "payments"], model.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.True(model.GetProperty("updatedAt").GetDateTimeOffset() >= model.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Omitted_fields_of_an_update_stay_as_they_were()
    {
        var id = await client.RegisterModelAsync();
        await client.MutateAsync(Operations.UpdateModel, new { id, displayName = "First", description = "Kept" });

        var payload = await client.MutateAsync(Operations.UpdateModel, new { id, displayName = "Second" });

        var model = payload.GetProperty("model");
        Assert.Equal("Second", model.GetProperty("displayName").GetString());
        Assert.Equal("Kept", model.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Updating_an_unknown_model_is_refused_with_NOT_FOUND_on_id()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.UpdateModel, new { id = Ids.Unknown("Model"), displayName = "x" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "id"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Updating_with_a_malformed_id_is_refused_with_VALIDATION_FAILED_on_id()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.UpdateModel, new { id = "not-an-id!", displayName = "x" });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "id"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Updating_with_the_id_of_another_node_type_is_refused_with_VALIDATION_FAILED_on_id()
    {
        var datasetId = await client.RegisterDatasetAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.UpdateModel, new { id = datasetId, displayName = "x" });

        Assert.Equal(("VALIDATION_FAILED", "id"), (error.Code, error.Field));
    }
}
