using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// Policies at every level for PRODUCTION, set once: globally a minimum AUC, for team "strict" training data, and for
/// the model "strict-exempt" nothing at all. Its own host, since a global policy changes every other promotion.
/// </summary>
public sealed class PolicyHost : GovernanceHost
{
    /// <summary>A contributor of both teams.</summary>
    public GovernanceClient Contributor { get; private set; } = null!;
    /// <summary>An approver of team "loose".</summary>
    public GovernanceClient Approver1 { get; private set; } = null!;
    /// <summary>Another approver of team "loose".</summary>
    public GovernanceClient Approver2 { get; private set; } = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = Admin;
        await admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = "global", targetStage = "PRODUCTION", requiredApprovals = 0, metricName = "auc", metricMinimum = 0.9 });
        await admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = "team:strict", targetStage = "PRODUCTION", requiredApprovals = 0, requireTrainingData = true });
        await admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = "model:strict-exempt", targetStage = "PRODUCTION", requiredApprovals = 0 });
        await admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = "model:two-approvals", targetStage = "PRODUCTION", requiredApprovals = 2 });
        await admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = "model:recheck", targetStage = "PRODUCTION", requiredApprovals = 1, requireTrainingData = true });
        Contributor = await ClientAsAsync("policy-contributor", (Role.Contributor, "team:strict"), (Role.Contributor, "team:loose"));
        Approver1 = await ClientAsAsync("policy-approver-1", (Role.Approver, "team:loose"));
        Approver2 = await ClientAsAsync("policy-approver-2", (Role.Approver, "team:loose"));
    }

    /// <summary>A STAGING version of a model (named <paramref name="name"/> or fresh) of <paramref name="team"/> reporting an AUC.</summary>
    public async Task<string> StagingVersionAsync(string team, double auc, string? name = null)
    {
        var model = await Admin.ModelAsync(name ?? Unique("policy"), team);
        var version = await Contributor.VersionAsync(model, ("auc", auc));
        await Contributor.PromoteAsync(version, "STAGING");
        return version;
    }
}

/// <summary>Policy checks refuse with POLICY_CHECK_FAILED and the reason; the most specific policy wins.</summary>
public sealed class PromotionPolicyTests(PolicyHost host) : IClassFixture<PolicyHost>
{
    [Fact]
    public async Task A_global_metric_minimum_refuses_a_version_below_it_with_the_reason()
    {
        var version = await host.StagingVersionAsync("loose", auc: 0.5);

        var (code, message) = await host.Contributor.RefusedAsync(Ops.PromoteModelVersion, new { modelVersionId = version, targetStage = "PRODUCTION", reason = "ship" });

        Assert.Equal("POLICY_CHECK_FAILED", code);
        Assert.Contains("auc", message, StringComparison.Ordinal);
        Assert.Contains("0.5", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_meeting_the_global_metric_minimum_applies_at_once()
    {
        var version = await host.StagingVersionAsync("loose", auc: 0.95);

        var payload = await host.Contributor.PromoteAsync(version, "PRODUCTION");

        Assert.Equal("APPLIED", payload.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("PRODUCTION", payload.GetProperty("modelVersion").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_team_policy_overrides_the_global_one()
    {
        var lowMetric = await host.StagingVersionAsync("strict", auc: 0.5);

        var (code, message) = await host.Contributor.RefusedAsync(Ops.PromoteModelVersion, new { modelVersionId = lowMetric, targetStage = "PRODUCTION", reason = "ship" });

        Assert.Equal("POLICY_CHECK_FAILED", code);
        Assert.Contains("TRAINED_ON", message, StringComparison.Ordinal);
        Assert.DoesNotContain("auc", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_data_satisfies_the_team_policy_whatever_the_global_metric()
    {
        var version = await host.StagingVersionAsync("strict", auc: 0.5);
        var dataset = await host.Admin.DatasetAsync(Unique("policy-data"), "strict");
        await host.Contributor.EdgeAsync(await host.Admin.DatasetVersionAsync(dataset, "v1"), version);

        var payload = await host.Contributor.PromoteAsync(version, "PRODUCTION");

        Assert.Equal("APPLIED", payload.GetProperty("promotionRequest").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_model_policy_overrides_its_team_and_the_global_one()
    {
        var version = await host.StagingVersionAsync("strict", auc: 0.1, name: "strict-exempt");

        var payload = await host.Contributor.PromoteAsync(version, "PRODUCTION");

        Assert.Equal("APPLIED", payload.GetProperty("promotionRequest").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Two_required_approvals_keep_the_request_pending_after_the_first()
    {
        var version = await host.StagingVersionAsync("loose", auc: 0.95, name: "two-approvals");
        var request = await host.Contributor.PendingProductionRequestAsync(version);

        var first = await host.Approver1.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = request });
        var (again, _) = await host.Approver1.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });
        var second = await host.Approver2.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = request });

        Assert.Equal("PENDING", first.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("STAGING", first.GetProperty("promotionRequest").GetProperty("modelVersion").GetProperty("stage").GetString());
        Assert.Equal("ALREADY_DECIDED", again);
        Assert.Equal("APPLIED", second.GetProperty("promotionRequest").GetProperty("status").GetString());
        Assert.Equal("PRODUCTION", second.GetProperty("promotionRequest").GetProperty("modelVersion").GetProperty("stage").GetString());
        Assert.Equal(2, second.GetProperty("promotionRequest").GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task Checks_run_again_when_the_last_approval_arrives()
    {
        var version = await host.StagingVersionAsync("loose", auc: 0.95, name: "recheck");
        var dataset = await host.Admin.DatasetAsync(Unique("recheck-data"), "loose");
        var edge = await host.Contributor.EdgeAsync(await host.Admin.DatasetVersionAsync(dataset, "v1"), version);
        var request = await host.Contributor.PendingProductionRequestAsync(version);
        await host.Admin.MutateAsync(Ops.CloseLineageEdge, new { id = edge, reason = "the data was withdrawn" });

        var (code, message) = await host.Approver1.RefusedAsync(Ops.ApprovePromotion, new { promotionRequestId = request });
        var stored = await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on PromotionRequest { status approvals { by } } } }", new { id = request });

        Assert.Equal("POLICY_CHECK_FAILED", code);
        Assert.Contains("TRAINED_ON", message, StringComparison.Ordinal);
        Assert.Equal("PENDING", stored.GetProperty("node").GetProperty("status").GetString());
        Assert.Equal(0, stored.GetProperty("node").GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task Invalid_policies_are_refused_with_validation_errors()
    {
        var (half, _) = await host.Admin.RefusedAsync(Ops.SetPromotionPolicy, new { scope = "global", targetStage = "STAGING", requiredApprovals = 0, metricName = "auc" });
        var (negative, _) = await host.Admin.RefusedAsync(Ops.SetPromotionPolicy, new { scope = "global", targetStage = "STAGING", requiredApprovals = -1 });
        var (badScope, _) = await host.Admin.RefusedAsync(Ops.SetPromotionPolicy, new { scope = "everyone", targetStage = "STAGING", requiredApprovals = 0 });

        Assert.Equal(["VALIDATION_FAILED", "VALIDATION_FAILED", "VALIDATION_FAILED"], new[] { half, negative, badScope });
    }
}
