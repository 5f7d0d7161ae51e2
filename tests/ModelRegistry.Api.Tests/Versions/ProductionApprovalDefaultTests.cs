using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Versions;

/// <summary>The built-in promotion policy, with no rule configured: PRODUCTION waits for an approver.</summary>
public sealed class ProductionApprovalDefaultTests(DefaultPolicyRegistryApiFactory factory) : IClassFixture<DefaultPolicyRegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task A_PRODUCTION_promotion_without_a_policy_rule_is_PENDING_and_the_version_stays_in_STAGING()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());
        await client.PromoteAsync(versionId, "STAGING");

        var payload = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "Ship it" });

        var request = payload.GetProperty("promotionRequest");
        Assert.Equal(("PRODUCTION", "PENDING", 0), (request.GetProperty("targetStage").GetString(), request.GetProperty("status").GetString(), request.GetProperty("approvals").GetArrayLength()));
        var stage = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { stage stageHistory { to } } } }", new { id = versionId });
        Assert.Equal("STAGING", stage.GetProperty("node").GetProperty("stage").GetString());
        Assert.Equal(["DEVELOPMENT", "STAGING"], stage.GetProperty("node").GetProperty("stageHistory").EnumerateArray().Select(t => t.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task STAGING_and_ARCHIVED_apply_at_once_without_a_policy_rule()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var staging = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "STAGING", reason = "Try it" });
        var archived = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "ARCHIVED", reason = "Superseded" });

        Assert.Equal("APPLIED", staging.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("APPLIED", archived.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("ARCHIVED", archived.GetProperty("modelVersion").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task An_independent_APPROVER_applies_a_pending_PRODUCTION_promotion()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());
        await client.PromoteAsync(versionId, "STAGING");
        var requested = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "Ship it" });
        var approver = RegistryArrange.UniqueName("approver");
        var (_, secret) = await client.CreateApiKeyAsync(approver);
        await client.GrantRoleAsync(approver, "APPROVER");

        var approved = await factory.GraphQL(secret).MutateAsync(Operations.ApprovePromotion,
            new { promotionRequestId = RegistryArrange.Id(requested, "promotionRequest"), comment = "Validated" });

        var request = approved.GetProperty("promotionRequest");
        Assert.Equal("APPLIED", request.GetProperty("status").GetString());
        Assert.Equal([approver], request.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("by").GetString()));
        Assert.Equal("PRODUCTION", request.GetProperty("modelVersion").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task The_requester_cannot_approve_its_own_PRODUCTION_promotion()
    {
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());
        await client.PromoteAsync(versionId, "STAGING");
        var requested = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "Ship it" });

        var error = await client.MutateExpectingErrorAsync(Operations.ApprovePromotion,
            new { promotionRequestId = RegistryArrange.Id(requested, "promotionRequest"), comment = "Looks fine to me" });

        Assert.NotEqual("", error.Code);
        var stage = await client.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { stage } } }", new { id = versionId });
        Assert.Equal("STAGING", stage.GetProperty("node").GetProperty("stage").GetString());
    }
}
