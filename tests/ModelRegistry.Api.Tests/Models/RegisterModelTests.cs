using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Models;

/// <summary>registerModel over HTTP.</summary>
public sealed class RegisterModelTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Registering_a_model_returns_its_card_with_normalised_tags_and_the_calling_principal_as_creator()
    {
        var name = RegistryArrange.UniqueName("tox");

        var payload = await client.MutateAsync(Operations.RegisterModel, new
        {
            name, displayName = "Toxicity", description = "Flags toxic compounds", task = "CLASSIFICATION", owner = " chem-safety ",
            tags = new[] { " GNN", "admet", "gnn" }, businessContext = "Cuts assay spend",
        });

        var model = payload.GetProperty("model");
        Assert.False(string.IsNullOrEmpty(model.GetProperty("id").GetString()));
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("Toxicity", model.GetProperty("displayName").GetString());
        Assert.Equal("Flags toxic compounds", model.GetProperty("description").GetString());
        Assert.Equal("CLASSIFICATION", model.GetProperty("task").GetString());
        Assert.Equal("chem-safety", model.GetProperty("owner").GetString());
        Assert.Equal(["gnn", "admet"], model.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Cuts assay spend", model.GetProperty("businessContext").GetString());
        Assert.Equal(TestCredentials.AdminPrincipal, model.GetProperty("createdBy").GetString());
        Assert.Equal(model.GetProperty("createdAt").GetDateTimeOffset(), model.GetProperty("updatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_registered_model_is_found_by_its_name()
    {
        var name = RegistryArrange.UniqueName("lookup");
        var id = await client.RegisterModelAsync(name);

        var data = await client.QueryAsync("query($name: String!) { model(name: $name) { id name } }", new { name });

        Assert.Equal(id, data.GetProperty("model").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_model_name_reads_as_null()
    {
        var data = await client.QueryAsync("""{ model(name: "no-such-model") { id } }""");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task Registering_a_taken_model_name_is_refused_with_NAME_TAKEN_on_name()
    {
        var name = RegistryArrange.UniqueName("taken");
        await client.RegisterModelAsync(name);

        var error = await client.MutateExpectingErrorAsync(Operations.RegisterModel, new { name, task = "RANKING", owner = "other-team" });

        Assert.Equal(new PayloadError("NameTakenError", "NAME_TAKEN", error.Message, "name"), error);
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("")]
    public async Task Registering_a_model_whose_name_is_not_url_safe_is_refused_with_VALIDATION_FAILED_on_name(string name)
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RegisterModel, new { name, task = "OTHER", owner = "team" });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "name"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Registering_a_model_without_an_owner_is_refused_with_VALIDATION_FAILED_on_owner()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RegisterModel,
            new { name = RegistryArrange.UniqueName("ownerless"), task = "OTHER", owner = "  " });

        Assert.Equal(("VALIDATION_FAILED", "owner"), (error.Code, error.Field));
    }
}
