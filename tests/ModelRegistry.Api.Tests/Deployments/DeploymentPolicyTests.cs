using System.Text.Json;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Deployments;

/// <summary>Deployment policies gate recordDeployment and updateDeploymentStatus by the version's stage.</summary>
public sealed class DeploymentPolicyTests(DeploymentPolicyHost host) : IClassFixture<DeploymentPolicyHost>
{
    /// <summary>Every environment kind × every stage, with the built-in policies: allowed or DEPLOYMENT_POLICY_VIOLATION.</summary>
    public static TheoryData<string, string, bool> Matrix() => new()
    {
        { "production", "DEVELOPMENT", false }, { "production", "STAGING", false }, { "production", "PRODUCTION", true }, { "production", "ARCHIVED", false },
        { "staging", "DEVELOPMENT", false }, { "staging", "STAGING", true }, { "staging", "PRODUCTION", true }, { "staging", "ARCHIVED", false },
        { "canary", "DEVELOPMENT", true }, { "canary", "STAGING", true }, { "canary", "PRODUCTION", true }, { "canary", "ARCHIVED", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Recording_a_deployment_follows_the_built_in_policy_of_its_environment(string environment, string stage, bool allowed)
    {
        var subject = await host.VersionInAsync(stage);

        var payload = await host.Admin.PayloadAsync(DeploymentPolicyHost.Record, new { modelVersionId = subject.VersionId, environment });

        if (allowed)
        {
            Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
            Assert.Equal("ACTIVE", payload.GetProperty("deployment").GetProperty("status").GetString());
            Assert.True(payload.GetProperty("deployment").GetProperty("compliant").GetBoolean());
            return;
        }
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("deployment").ValueKind);
        var error = DeploymentPolicyHost.ErrorOf(payload);
        Assert.Equal(("DeploymentPolicyViolationError", "DEPLOYMENT_POLICY_VIOLATION", "modelVersionId"),
            (error.GetProperty("__typename").GetString(), error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("scope global, built-in", message);
        Assert.Contains($"environment \"{environment}\"", message);
        Assert.Contains($"is {stage}", message);
        Assert.Contains(environment switch { "production" => "allows only PRODUCTION", "staging" => "allows only STAGING or PRODUCTION", _ => "allows any stage but ARCHIVED" }, message);
    }

    [Fact]
    public async Task A_version_whose_PRODUCTION_request_was_rejected_can_neither_be_deployed_to_production_nor_gain_traffic_there()
    {
        var subject = await host.VersionInAsync("PRODUCTION");
        var deployment = await host.DeployAsync(subject.VersionId, "production", trafficPercent: 10);
        await host.Admin.PromoteAsync(subject.VersionId, "STAGING", "rollback");
        var request = await host.Admin.PendingProductionRequestAsync(subject.VersionId);
        await (await host.ApproverAsync()).MutateAsync(Ops.RejectPromotion, new { promotionRequestId = request, comment = "metrics regressed" });
        var id = deployment.GetProperty("id").GetString()!;

        var record = await host.Admin.RefusedAsync(DeploymentPolicyHost.Record, new { modelVersionId = subject.VersionId, environment = "production" });
        var raise = DeploymentPolicyHost.ErrorOf(await host.Admin.PayloadAsync(DeploymentPolicyHost.Update, new { id, status = "ACTIVE", trafficPercent = 50 }));

        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", record.Code);
        Assert.Equal(("DEPLOYMENT_POLICY_VIOLATION", "trafficPercent"), (raise.GetProperty("code").GetString(), raise.GetProperty("field").GetString()));
        Assert.Contains("is STAGING", raise.GetProperty("message").GetString());
        Assert.Equal(10, (await host.DeploymentAsync(id)).GetProperty("trafficPercent").GetInt32());
    }

    [Fact]
    public async Task Winding_down_a_deployment_the_policy_no_longer_allows_is_accepted_but_reactivating_it_is_refused()
    {
        var subject = await host.VersionInAsync("PRODUCTION");
        var id = (await host.DeployAsync(subject.VersionId, "production", trafficPercent: 40)).GetProperty("id").GetString()!;
        await host.Admin.PromoteAsync(subject.VersionId, "STAGING", "rollback");

        var lowered = await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "ACTIVE", trafficPercent = 5 });
        var draining = await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id, status = "DRAINING" });
        var reactivated = DeploymentPolicyHost.ErrorOf(await host.Admin.PayloadAsync(DeploymentPolicyHost.Update, new { id, status = "ACTIVE" }));

        Assert.Equal(5, lowered.GetProperty("deployment").GetProperty("trafficPercent").GetInt32());
        Assert.Equal("DRAINING", draining.GetProperty("deployment").GetProperty("status").GetString());
        Assert.Equal(("DEPLOYMENT_POLICY_VIOLATION", "status"), (reactivated.GetProperty("code").GetString(), reactivated.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task A_team_policy_overrides_the_built_in_default_for_that_team_only()
    {
        var team = Unique("team");
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy,
            new { scope = "team:" + team, environment = "production", allowedStages = new[] { "STAGING", "PRODUCTION" }, reason = "team ships from staging" });
        var ours = await host.VersionInAsync("STAGING", team);
        var theirs = await host.VersionInAsync("STAGING");

        var deployed = await host.DeployAsync(ours.VersionId, "production");
        var (code, message) = await host.Admin.RefusedAsync(DeploymentPolicyHost.Record, new { modelVersionId = theirs.VersionId, environment = "production" });

        Assert.Equal("ACTIVE", deployed.GetProperty("status").GetString());
        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", code);
        Assert.Contains("scope global, built-in", message);
    }

    [Fact]
    public async Task A_model_policy_overrides_its_team_policy_and_the_refusal_names_the_model_rule()
    {
        var team = Unique("team");
        var subject = await host.VersionInAsync("STAGING", team);
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy,
            new { scope = "team:" + team, environment = "production", allowedStages = new[] { "STAGING", "PRODUCTION" } });
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy,
            new { scope = "model:" + subject.ModelName, environment = "production", allowedStages = new[] { "PRODUCTION" } });

        var (code, message) = await host.Admin.RefusedAsync(DeploymentPolicyHost.Record, new { modelVersionId = subject.VersionId, environment = "production" });

        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", code);
        Assert.Contains($"scope model:{subject.ModelName}, environment \"production\"", message);
        Assert.Contains("allows only PRODUCTION", message);
    }

    [Fact]
    public async Task A_global_policy_can_gate_an_environment_that_needs_nothing_by_default()
    {
        var environment = Unique("edge");
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy, new { environment, allowedStages = new[] { "PRODUCTION" } });
        var subject = await host.VersionInAsync("DEVELOPMENT");

        var (code, message) = await host.Admin.RefusedAsync(DeploymentPolicyHost.Record, new { modelVersionId = subject.VersionId, environment });

        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", code);
        Assert.Contains($"scope global, environment \"{environment}\"", message);
    }

    [Fact]
    public async Task The_rule_in_force_for_a_model_is_readable_with_its_origin()
    {
        var team = Unique("team");
        var subject = await host.VersionInAsync("DEVELOPMENT", team);
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy, new { scope = "team:" + team, environment = "staging", allowedStages = Array.Empty<string>() });

        var data = await host.Admin.QueryAsync("""
            query($id: ID!, $team: String!) {
              node(id: $id) { ... on Model {
                production: deploymentPolicy(environment: "production") { scope environment allowedStages builtIn }
                staging: deploymentPolicy(environment: "staging") { scope environment allowedStages builtIn updatedBy } } }
              deploymentPolicies(where: { scope: { eq: $team } }) { nodes { scope environment allowedStages builtIn } }
            }
            """, new { id = subject.ModelId, team = "team:" + team });

        var model = data.GetProperty("node");
        Assert.Equal("global|production|PRODUCTION|True", Describe(model.GetProperty("production")));
        Assert.Equal($"team:{team}|staging||False", Describe(model.GetProperty("staging")));
        Assert.Equal(AccessOptions.BootstrapAdmin, model.GetProperty("staging").GetProperty("updatedBy").GetString());
        Assert.Equal($"team:{team}|staging||False", Describe(Assert.Single(data.GetProperty("deploymentPolicies").GetProperty("nodes").EnumerateArray())));
    }

    [Theory]
    [InlineData("production", new[] { "ARCHIVED" }, "global", "allowedStages")]
    [InlineData("production", new[] { "PRODUCTION" }, "everyone", "scope")]
    [InlineData("", new[] { "PRODUCTION" }, "global", "environment")]
    public async Task A_policy_that_breaks_a_rule_is_refused_with_VALIDATION_FAILED(string environment, string[] allowedStages, string scope, string field)
    {
        var payload = await host.Admin.PayloadAsync(DeploymentPolicyHost.SetPolicy, new { scope, environment, allowedStages });

        var error = DeploymentPolicyHost.ErrorOf(payload);
        Assert.Equal(("VALIDATION_FAILED", field), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Only_an_ADMIN_of_the_scope_may_set_a_deployment_policy()
    {
        var team = Unique("team");
        var teamAdmin = await host.ClientAsAsync(Unique("team-admin"), (Role.Admin, "team:" + team));
        var deployer = await host.ClientAsAsync(Unique("deployer"), (Role.Deployer, AccessScope.Global));
        var input = new { scope = "team:" + team, environment = "production", allowedStages = new[] { "STAGING" } };

        var own = await teamAdmin.MutateAsync(DeploymentPolicyHost.SetPolicy, input);
        var global = await teamAdmin.RefusedAsync(DeploymentPolicyHost.SetPolicy, new { scope = "global", environment = "production", allowedStages = new[] { "STAGING" } });
        var byDeployer = await deployer.RefusedAsync(DeploymentPolicyHost.SetPolicy, input);
        var anonymous = await host.Anonymous().RefusedAsync(DeploymentPolicyHost.SetPolicy, input);

        Assert.Equal("team:" + team, own.GetProperty("deploymentPolicy").GetProperty("scope").GetString());
        Assert.Equal(("FORBIDDEN", "FORBIDDEN", "UNAUTHENTICATED"), (global.Code, byDeployer.Code, anonymous.Code));
    }

    [Fact]
    public async Task Setting_a_policy_is_an_audited_DEPLOYMENT_POLICY_SET_event_with_the_old_and_new_stages()
    {
        var environment = Unique("env");
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy, new { environment, allowedStages = new[] { "STAGING" } });
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy, new { environment, allowedStages = new[] { "PRODUCTION", "STAGING" }, reason = "widen" });

        var events = await host.Admin.QueryAsync("""
            { registryEvents(first: 100, where: { type: { eq: "DEPLOYMENT_POLICY_SET" } }) { nodes { reason payload } } }
            """);

        var last = events.GetProperty("registryEvents").GetProperty("nodes").EnumerateArray()
            .Last(e => e.GetProperty("payload").GetProperty("environment").GetString() == environment);
        Assert.Equal("widen", last.GetProperty("reason").GetString());
        Assert.Equal(["STAGING", "PRODUCTION"], last.GetProperty("payload").GetProperty("allowedStages").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["STAGING"], last.GetProperty("payload").GetProperty("previousAllowedStages").EnumerateArray().Select(s => s.GetString()));
    }

    private static string Describe(JsonElement rule)
        => string.Join('|', rule.GetProperty("scope").GetString(), rule.GetProperty("environment").GetString(),
            string.Join(',', rule.GetProperty("allowedStages").EnumerateArray().Select(s => s.GetString())), rule.GetProperty("builtIn").GetBoolean());
}
