using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Models;

/// <summary>setModelAlias over HTTP: creating and moving an alias.</summary>
public sealed class SetModelAliasTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task Setting_an_alias_points_it_at_the_version_and_names_who_assigned_it()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);

        var payload = await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = versionId, reason = "Best AUC" });

        var alias = Assert.Single(payload.GetProperty("model").GetProperty("aliases").EnumerateArray());
        Assert.Equal("champion", alias.GetProperty("name").GetString());
        Assert.Equal(TestCredentials.AdminPrincipal, alias.GetProperty("assignedBy").GetString());
        Assert.Equal(versionId, alias.GetProperty("version").GetProperty("id").GetString());
        Assert.Equal(["champion"], alias.GetProperty("version").GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Moving_an_alias_points_it_at_the_new_version_and_frees_the_old_one()
    {
        var modelId = await client.RegisterModelAsync();
        var first = await client.CreateVersionAsync(modelId);
        var second = await client.CreateVersionAsync(modelId);
        await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = first });

        var payload = await client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = second, reason = "v2 wins" });

        var alias = Assert.Single(payload.GetProperty("model").GetProperty("aliases").EnumerateArray());
        Assert.Equal(second, alias.GetProperty("version").GetProperty("id").GetString());
        var old = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { aliases } } }", new { id = first });
        Assert.Empty(old.GetProperty("node").GetProperty("aliases").EnumerateArray());
    }

    [Fact]
    public async Task An_alias_pointing_at_another_models_version_is_refused_with_VALIDATION_FAILED()
    {
        var modelId = await client.RegisterModelAsync();
        var otherVersion = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var error = await client.MutateExpectingErrorAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = otherVersion });

        Assert.Equal(("ValidationError", "VALIDATION_FAILED", "modelVersionId"), (error.TypeName, error.Code, error.Field));
        var aliases = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { aliases { name } } } }", new { id = modelId });
        Assert.Equal(0, aliases.GetProperty("node").GetProperty("aliases").GetArrayLength());
    }

    [Fact]
    public async Task An_alias_pointing_at_an_archived_version_is_refused_with_VALIDATION_FAILED()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);
        await client.PromoteAsync(versionId, "ARCHIVED");

        var error = await client.MutateExpectingErrorAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = versionId });

        Assert.Equal(("VALIDATION_FAILED", "modelVersionId"), (error.Code, error.Field));
    }

    [Fact]
    public async Task An_alias_for_an_unknown_version_is_refused_with_NOT_FOUND()
    {
        var modelId = await client.RegisterModelAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.SetModelAlias,
            new { modelId, alias = "champion", modelVersionId = Ids.Unknown("ModelVersion") });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "modelVersionId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task An_alias_with_a_name_that_is_not_url_safe_is_refused_with_VALIDATION_FAILED_on_alias()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);

        var error = await client.MutateExpectingErrorAsync(Operations.SetModelAlias, new { modelId, alias = "Champion!", modelVersionId = versionId });

        Assert.Equal(("VALIDATION_FAILED", "alias"), (error.Code, error.Field));
    }

    [Fact]
    public async Task An_alias_with_a_malformed_model_id_is_refused_with_VALIDATION_FAILED_on_modelId()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var error = await client.MutateExpectingErrorAsync(Operations.SetModelAlias, new { modelId = "%%%", alias = "champion", modelVersionId = versionId });

        Assert.Equal(("VALIDATION_FAILED", "modelId"), (error.Code, error.Field));
    }
}
