using System.Text.Json;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// Team "promo" with separated duties: a creator who registers versions, a requester who asks for promotions (both
/// also APPROVERs, so separation of duties is what stops them), two independent approvers and a contributor.
/// </summary>
public sealed class PromotionHost : GovernanceHost
{
    private const string Scope = "team:promo";

    /// <summary>Creates the versions.</summary>
    public GovernanceClient Creator { get; private set; } = null!;
    /// <summary>Requests the promotions.</summary>
    public GovernanceClient Requester { get; private set; } = null!;
    /// <summary>An independent approver.</summary>
    public GovernanceClient Approver1 { get; private set; } = null!;
    /// <summary>Another independent approver.</summary>
    public GovernanceClient Approver2 { get; private set; } = null!;
    /// <summary>A contributor of the team without ADMIN.</summary>
    public GovernanceClient Contributor { get; private set; } = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Creator = await ClientAsAsync("promo-creator", (Role.Contributor, Scope), (Role.Approver, Scope));
        Requester = await ClientAsAsync("promo-requester", (Role.Contributor, Scope), (Role.Approver, Scope));
        Approver1 = await ClientAsAsync("promo-approver-1", (Role.Approver, Scope));
        Approver2 = await ClientAsAsync("promo-approver-2", (Role.Approver, Scope));
        Contributor = await ClientAsAsync("promo-contributor", (Role.Contributor, Scope));
    }

    /// <summary>A new model of the team with one STAGING version by the creator; returns the model's and version's IDs.</summary>
    public async Task<(string Model, string Version)> StagingVersionAsync()
    {
        var model = await Admin.ModelAsync(Unique("promo"), "promo");
        var version = await Creator.VersionAsync(model);
        await Requester.PromoteAsync(version, "STAGING");
        return (model, version);
    }
}

/// <summary>PRODUCTION waits for an independent approval; decisions apply once, close the request, and are recorded.</summary>
public sealed class PromotionWorkflowTests(PromotionHost host) : IClassFixture<PromotionHost>
{
    private const string VersionQuery = "query($id: ID!) { node(id: $id) { ... on ModelVersion { stage stageHistory { from to by } } } }";

    [Fact]
    public async Task Production_waits_for_approval_and_the_stage_stays()
    {
        var (_, version) = await host.StagingVersionAsync();

        var payload = await host.Requester.PromoteAsync(version, "PRODUCTION", "ship it");

        Assert.Equal("PENDING", payload.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("STAGING", payload.GetProperty("modelVersion").GetProperty("stage").GetString());
        Assert.Equal("STAGING", (await StageAsync(version)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var (code, _) = await host.Requester.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("SELF_APPROVAL", code);
    }

    [Fact]
    public async Task The_versions_creator_cannot_approve_its_promotion()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var (code, _) = await host.Creator.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("SELF_APPROVAL", code);
    }

    [Fact]
    public async Task An_independent_approval_applies_the_promotion_and_records_who_when_and_why()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var payload = await host.Approver1.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = request, comment = "metrics verified" });

        var decided = payload.GetProperty("promotionRequest");
        Assert.Equal("APPLIED", decided.GetProperty("status").GetString());
        var approval = Assert.Single(decided.GetProperty("approvals").EnumerateArray());
        Assert.Equal("promo-approver-1", approval.GetProperty("by").GetString());
        Assert.True(approval.GetProperty("approved").GetBoolean());
        Assert.Equal("metrics verified", approval.GetProperty("comment").GetString());
        Assert.True(DateTime.UtcNow - approval.GetProperty("at").GetDateTime().ToUniversalTime() < TimeSpan.FromMinutes(5));
        var stored = await StageAsync(version);
        Assert.Equal("PRODUCTION", stored.GetProperty("stage").GetString());
        Assert.Contains(stored.GetProperty("stageHistory").EnumerateArray(),
            t => t.GetProperty("from").GetString() == "STAGING" && t.GetProperty("to").GetString() == "PRODUCTION");
    }

    [Fact]
    public async Task A_second_approval_after_the_decision_is_already_decided()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);
        await host.Approver1.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        var (code, _) = await host.Approver2.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("ALREADY_DECIDED", code);
    }

    [Fact]
    public async Task A_rejection_needs_a_comment_and_closes_the_request()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var (blank, _) = await host.Approver1.RefusedAsync(Ops.RejectPromotion, new { promotionRequestId = request, comment = "  " });
        var rejected = await host.Approver1.MutateAsync(Ops.RejectPromotion, new { promotionRequestId = request, comment = "drift on holdout" });
        var (later, _) = await host.Approver2.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("VALIDATION_FAILED", blank);
        Assert.Equal("REJECTED", rejected.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("ALREADY_DECIDED", later);
        Assert.Equal("STAGING", (await StageAsync(version)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_rejection_without_a_comment_field_is_refused_by_the_schema()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var response = await host.Approver1.SendAsync(Ops.RejectPromotion, new { input = new { promotionRequestId = request } });

        Assert.True(response.Body.TryGetProperty("errors", out _), $"Expected a validation error: {response.Body}");
    }

    [Fact]
    public async Task The_requester_can_cancel_their_request()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var cancelled = await host.Requester.MutateAsync(Ops.CancelPromotion, new { promotionRequestId = request });

        Assert.Equal("CANCELLED", cancelled.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("STAGING", (await StageAsync(version)).GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Someone_else_without_admin_cannot_cancel_a_request()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var (byContributor, _) = await host.Contributor.RefusedAsync(Ops.CancelPromotion, new { promotionRequestId = request });
        var (byApprover, _) = await host.Approver1.RefusedAsync(Ops.CancelPromotion, new { promotionRequestId = request });

        Assert.Equal("FORBIDDEN", byContributor);
        Assert.Equal("FORBIDDEN", byApprover);
    }

    [Fact]
    public async Task Concurrent_approvals_apply_the_promotion_exactly_once()
    {
        var (model, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var answers = await Task.WhenAll(
            host.Approver1.PayloadAsync(Ops.ApprovePromotion, new { promotionRequestId = request }),
            host.Approver2.PayloadAsync(Ops.ApprovePromotion, new { promotionRequestId = request }));

        var codes = answers.Select(GovernanceClient.ErrorCodeOf).ToList();
        Assert.Single(codes, c => c is null);
        Assert.Single(codes, c => c == "ALREADY_DECIDED");
        var stored = await StageAsync(version);
        Assert.Equal("PRODUCTION", stored.GetProperty("stage").GetString());
        Assert.Single(stored.GetProperty("stageHistory").EnumerateArray(), t => t.GetProperty("to").GetString() == "PRODUCTION");
        var events = await host.Admin.QueryAsync(
            "query($m: ID!) { registryEvents(first: 100, where: { type: { eq: \"STAGE_CHANGED\" }, modelId: { eq: $m } }) { totalCount } }",
            new { m = model });
        Assert.Equal(2, events.GetProperty("registryEvents").GetProperty("totalCount").GetInt32());
        var approvals = await host.Admin.QueryAsync(
            "query($id: ID!) { node(id: $id) { ... on PromotionRequest { status approvals { by } } } }", new { id = request });
        Assert.Equal("APPLIED", approvals.GetProperty("node").GetProperty("status").GetString());
        Assert.Single(approvals.GetProperty("node").GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task Promotion_requests_list_the_pending_request_for_approvers()
    {
        var (_, version) = await host.StagingVersionAsync();
        var request = await host.Requester.PendingProductionRequestAsync(version);

        var data = await host.Approver1.QueryAsync("{ promotionRequests(first: 100, where: { status: { eq: PENDING } }) { nodes { id requestedBy } } }");

        Assert.Contains(data.GetProperty("promotionRequests").GetProperty("nodes").EnumerateArray(),
            r => r.GetProperty("id").GetString() == request && r.GetProperty("requestedBy").GetString() == "promo-requester");
    }

    [Fact]
    public async Task Separation_of_duties_binds_admins_too()
    {
        var model = await host.Admin.ModelAsync(Unique("promo"), "promo");
        var version = await host.Admin.VersionAsync(model);
        await host.Admin.PromoteAsync(version, "STAGING");
        var request = await host.Admin.PendingProductionRequestAsync(version);

        var (code, _) = await host.Admin.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("SELF_APPROVAL", code);
    }

    [Fact]
    public async Task A_version_with_a_pending_request_cannot_be_requested_again()
    {
        var (_, version) = await host.StagingVersionAsync();
        await host.Requester.PendingProductionRequestAsync(version);

        var (code, _) = await host.Requester.RefusedAsync(Ops.PromoteModelVersion, new { modelVersionId = version, targetStage = "PRODUCTION", reason = "again" });

        Assert.Equal("VALIDATION_FAILED", code);
    }

    private async Task<JsonElement> StageAsync(string version)
        => (await host.Admin.QueryAsync(VersionQuery, new { id = version })).GetProperty("node");
}
