using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Versions;

/// <summary>promoteModelVersion and restoreModelVersion over HTTP: the stage machine as a client meets it.</summary>
public sealed class PromoteModelVersionTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private async Task<string> VersionAsync() => await client.CreateVersionAsync(await client.RegisterModelAsync());

    [Fact]
    public async Task Promoting_to_STAGING_applies_at_once_and_returns_the_request_and_the_moved_version()
    {
        var versionId = await VersionAsync();

        var payload = await client.MutateAsync(Operations.PromoteModelVersion,
            new { modelVersionId = versionId, targetStage = "STAGING", reason = "Hold-out AUC 0.92" });

        var request = payload.GetProperty("promotionRequest");
        Assert.Equal("STAGING", request.GetProperty("targetStage").GetString());
        Assert.Equal("APPLIED", request.GetProperty("status").GetString());
        Assert.Equal(TestCredentials.AdminPrincipal, request.GetProperty("requestedBy").GetString());
        Assert.Equal("Hold-out AUC 0.92", request.GetProperty("reason").GetString());
        Assert.Equal(0, request.GetProperty("approvals").GetArrayLength());
        Assert.Equal(versionId, request.GetProperty("modelVersion").GetProperty("id").GetString());
        var version = payload.GetProperty("modelVersion");
        Assert.Equal("STAGING", version.GetProperty("stage").GetString());
        var last = version.GetProperty("stageHistory").EnumerateArray().Last();
        Assert.Equal(("DEVELOPMENT", "STAGING", TestCredentials.AdminPrincipal, "Hold-out AUC 0.92"),
            (last.GetProperty("from").GetString(), last.GetProperty("to").GetString(), last.GetProperty("by").GetString(), last.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task A_version_goes_to_PRODUCTION_through_STAGING_and_may_be_demoted_back()
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "STAGING", "PRODUCTION");

        var payload = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "STAGING", reason = "Rollback" });

        var history = payload.GetProperty("modelVersion").GetProperty("stageHistory").EnumerateArray()
            .Select(t => t.GetProperty("to").GetString()).ToList();
        Assert.Equal(["DEVELOPMENT", "STAGING", "PRODUCTION", "STAGING"], history);
    }

    [Theory]
    [InlineData(new string[0], "DEVELOPMENT")]
    [InlineData(new[] { "STAGING" }, "STAGING")]
    [InlineData(new[] { "STAGING", "PRODUCTION" }, "PRODUCTION")]
    public async Task Promoting_to_the_current_stage_is_refused_with_INVALID_TRANSITION(string[] path, string stage)
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, path);

        var error = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = stage, reason = "again" });

        Assert.Equal(("InvalidTransitionError", "INVALID_TRANSITION", "targetStage"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Skipping_STAGING_on_the_way_to_PRODUCTION_is_refused_with_INVALID_TRANSITION()
    {
        var versionId = await VersionAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "hurry" });

        Assert.Equal(("InvalidTransitionError", "INVALID_TRANSITION"), (error.TypeName, error.Code));
        var stage = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { stage } } }", new { id = versionId });
        Assert.Equal("DEVELOPMENT", stage.GetProperty("node").GetProperty("stage").GetString());
    }

    [Theory]
    [InlineData("DEVELOPMENT")]
    [InlineData("STAGING")]
    [InlineData("PRODUCTION")]
    public async Task Leaving_ARCHIVED_by_promotion_instead_of_restore_is_refused_with_INVALID_TRANSITION(string target)
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "ARCHIVED");

        var error = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = target, reason = "back" });

        Assert.Equal(("INVALID_TRANSITION", "targetStage"), (error.Code, error.Field));
        Assert.Contains("restore", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Promoting_an_unknown_version_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion,
            new { modelVersionId = Ids.Unknown("ModelVersion"), targetStage = "STAGING", reason = "x" });

        Assert.Equal(("NotFoundError", "NOT_FOUND", "modelVersionId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Promoting_without_a_reason_is_refused_with_VALIDATION_FAILED_on_reason()
    {
        var versionId = await VersionAsync();

        var error = await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "STAGING", reason = " " });

        Assert.Equal(("VALIDATION_FAILED", "reason"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Restoring_an_archived_version_returns_it_to_DEVELOPMENT_with_the_reason_in_its_history()
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "STAGING", "ARCHIVED");

        var payload = await client.MutateAsync(Operations.RestoreModelVersion, new { modelVersionId = versionId, reason = "Needed for comparison" });

        var version = payload.GetProperty("modelVersion");
        Assert.Equal("DEVELOPMENT", version.GetProperty("stage").GetString());
        var last = version.GetProperty("stageHistory").EnumerateArray().Last();
        Assert.Equal(("ARCHIVED", "DEVELOPMENT", "Needed for comparison"),
            (last.GetProperty("from").GetString(), last.GetProperty("to").GetString(), last.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Restoring_a_version_that_is_not_archived_is_refused_with_INVALID_TRANSITION()
    {
        var versionId = await VersionAsync();
        await client.PromoteAsync(versionId, "STAGING");

        var error = await client.MutateExpectingErrorAsync(Operations.RestoreModelVersion, new { modelVersionId = versionId, reason = "x" });

        Assert.Equal(("InvalidTransitionError", "INVALID_TRANSITION", "modelVersionId"), (error.TypeName, error.Code, error.Field));
    }

    [Fact]
    public async Task Restoring_an_unknown_version_is_refused_with_NOT_FOUND()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RestoreModelVersion, new { modelVersionId = Ids.Unknown("ModelVersion"), reason = "x" });

        Assert.Equal(("NOT_FOUND", "modelVersionId"), (error.Code, error.Field));
    }

    [Fact]
    public async Task Restoring_with_a_malformed_id_is_refused_with_VALIDATION_FAILED()
    {
        var error = await client.MutateExpectingErrorAsync(Operations.RestoreModelVersion, new { modelVersionId = "???", reason = "x" });

        Assert.Equal(("VALIDATION_FAILED", "modelVersionId"), (error.Code, error.Field));
    }
}
