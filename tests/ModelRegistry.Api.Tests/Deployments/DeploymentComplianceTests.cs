using System.Text.Json;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;

namespace ModelRegistry.Api.Tests.Deployments;

/// <summary>
/// Demoting or archiving a serving version is not refused: its live deployments the policy no longer allows are marked
/// non-compliant, with an event, and the compliance report flags them.
/// </summary>
public sealed class DeploymentComplianceTests(DeploymentPolicyHost host) : IClassFixture<DeploymentPolicyHost>
{
    [Fact]
    public async Task Demoting_a_version_serving_production_marks_the_deployment_non_compliant_and_raises_an_event()
    {
        var subject = await host.VersionInAsync("PRODUCTION");
        var production = (await host.DeployAsync(subject.VersionId, "production", 100)).GetProperty("id").GetString()!;
        var staging = (await host.DeployAsync(subject.VersionId, "staging", 100)).GetProperty("id").GetString()!;

        await host.Admin.PromoteAsync(subject.VersionId, "STAGING", "latency regression");

        var flagged = await host.DeploymentAsync(production);
        Assert.False(flagged.GetProperty("compliant").GetBoolean());
        Assert.Equal("ACTIVE", flagged.GetProperty("status").GetString());
        Assert.Contains("is STAGING; deployment policy (scope global, built-in, environment \"production\") allows only PRODUCTION",
            flagged.GetProperty("complianceIssue").GetString());
        Assert.Equal(JsonValueKind.String, flagged.GetProperty("nonCompliantSince").ValueKind);
        Assert.True((await host.DeploymentAsync(staging)).GetProperty("compliant").GetBoolean());
        var events = await EventsAsync(subject.ModelId, "DEPLOYMENT_NON_COMPLIANT");
        var raised = Assert.Single(events);
        Assert.Equal(production, raised.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal("production", raised.GetProperty("payload").GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Archiving_a_serving_version_is_accepted_and_flags_every_live_deployment()
    {
        var subject = await host.VersionInAsync("STAGING");
        var canary = (await host.DeployAsync(subject.VersionId, "canary")).GetProperty("id").GetString()!;
        var staging = (await host.DeployAsync(subject.VersionId, "staging")).GetProperty("id").GetString()!;
        var retired = (await host.DeployAsync(subject.VersionId, "staging")).GetProperty("id").GetString()!;
        await host.Admin.MutateAsync(DeploymentPolicyHost.Update, new { id = retired, status = "RETIRED" });

        var archived = await host.Admin.PromoteAsync(subject.VersionId, "ARCHIVED", "bias found");

        Assert.Equal("ARCHIVED", archived.GetProperty("modelVersion").GetProperty("stage").GetString());
        Assert.False((await host.DeploymentAsync(canary)).GetProperty("compliant").GetBoolean());
        Assert.False((await host.DeploymentAsync(staging)).GetProperty("compliant").GetBoolean());
        Assert.True((await host.DeploymentAsync(retired)).GetProperty("compliant").GetBoolean());
        Assert.Equal(2, (await EventsAsync(subject.ModelId, "DEPLOYMENT_NON_COMPLIANT")).Count);
    }

    [Fact]
    public async Task Promoting_the_version_back_clears_the_flag_with_a_DEPLOYMENT_COMPLIANT_event()
    {
        var subject = await host.VersionInAsync("PRODUCTION");
        var id = (await host.DeployAsync(subject.VersionId, "production")).GetProperty("id").GetString()!;
        await host.Admin.PromoteAsync(subject.VersionId, "STAGING", "investigate");

        await host.ApproveAsync(await host.Admin.PendingProductionRequestAsync(subject.VersionId));

        var deployment = await host.DeploymentAsync(id);
        Assert.True(deployment.GetProperty("compliant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, deployment.GetProperty("complianceIssue").ValueKind);
        Assert.Single(await EventsAsync(subject.ModelId, "DEPLOYMENT_COMPLIANT"));
    }

    [Fact]
    public async Task A_stricter_policy_flags_the_live_deployments_it_no_longer_allows()
    {
        var environment = Unique("edge");
        var subject = await host.VersionInAsync("DEVELOPMENT");
        var id = (await host.DeployAsync(subject.VersionId, environment)).GetProperty("id").GetString()!;

        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy, new { environment, allowedStages = new[] { "PRODUCTION" } });

        var deployment = await host.DeploymentAsync(id);
        Assert.False(deployment.GetProperty("compliant").GetBoolean());
        Assert.Contains($"scope global, environment \"{environment}\"", deployment.GetProperty("complianceIssue").GetString());
        Assert.Single(await EventsAsync(subject.ModelId, "DEPLOYMENT_NON_COMPLIANT"));
    }

    [Fact]
    public async Task The_compliance_report_flags_a_non_compliant_deployment_in_Markdown_and_JSON()
    {
        var subject = await host.VersionInAsync("PRODUCTION");
        await host.DeployAsync(subject.VersionId, "staging");
        await host.DeployAsync(subject.VersionId, "production");
        await host.Admin.PromoteAsync(subject.VersionId, "STAGING", "latency regression");

        var markdown = await ReportAsync(subject.ModelId, "MARKDOWN");
        var json = JsonDocument.Parse(await ReportAsync(subject.ModelId, "JSON")).RootElement;

        Assert.Contains("| Deployment policy | Compliant |", markdown);
        Assert.Matches(@"\| Deployment policy \| NON-COMPLIANT since \S+: Version 1 of [^|]+ is STAGING; deployment policy \(scope global, built-in, environment ""production""\) allows only PRODUCTION\. \|", markdown);
        var deployments = json.GetProperty("deployments").EnumerateArray().ToList();
        Assert.True(deployments.Single(d => d.GetProperty("environment").GetString() == "staging").GetProperty("compliant").GetBoolean());
        var production = deployments.Single(d => d.GetProperty("environment").GetString() == "production");
        Assert.False(production.GetProperty("compliant").GetBoolean());
        Assert.Contains("allows only PRODUCTION", production.GetProperty("complianceIssue").GetString());
    }

    [Fact]
    public async Task Refused_deployments_and_traffic_raises_leave_an_ATTEMPT_REFUSED_trace_with_the_reason_given()
    {
        var subject = await host.VersionInAsync("STAGING");
        var refused = await host.Admin.PayloadAsync(DeploymentPolicyHost.Record,
            new { modelVersionId = subject.VersionId, environment = "production", trafficPercent = 100, reason = "hotfix" });
        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", DeploymentPolicyHost.ErrorOf(refused).GetProperty("code").GetString());
        var staging = (await host.DeployAsync(subject.VersionId, "staging", 10)).GetProperty("id").GetString()!;
        await host.Admin.PromoteAsync(subject.VersionId, "ARCHIVED", "withdrawn");
        var raise = await host.Admin.PayloadAsync(DeploymentPolicyHost.Update,
            new { id = staging, status = "ACTIVE", trafficPercent = 50, reason = "more canary traffic" });
        Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", DeploymentPolicyHost.ErrorOf(raise).GetProperty("code").GetString());

        var traces = await EventsAsync(subject.ModelId, "ATTEMPT_REFUSED");

        Assert.Equal(2, traces.Count);
        Assert.All(traces, t => Assert.Equal("DEPLOYMENT_POLICY_VIOLATION", t.GetProperty("payload").GetProperty("code").GetString()));
        Assert.Equal(subject.VersionId, traces[0].GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(staging, traces[1].GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(["hotfix", "more canary traffic"], traces.Select(t => t.GetProperty("reason").GetString()));
    }

    private async Task<List<JsonElement>> EventsAsync(string modelId, string type)
        => [.. (await host.Admin.QueryAsync("""
            query($modelId: ID!, $type: String!) { registryEvents(first: 100, where: { modelId: { eq: $modelId }, type: { eq: $type } }) {
              nodes { type reason subject { id } payload } } }
            """, new { modelId, type })).GetProperty("registryEvents").GetProperty("nodes").EnumerateArray()];

    [Fact]
    public async Task The_compliance_report_names_the_deployment_policy_in_force_when_each_deployment_was_recorded()
    {
        var subject = await host.VersionInAsync("STAGING");
        var environment = Unique("canary");
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy,
            new { scope = "model:" + subject.ModelName, environment, allowedStages = new[] { "STAGING", "PRODUCTION" }, reason = "canaries take staging builds" });
        await host.DeployAsync(subject.VersionId, environment);
        // Tightened afterwards: the report must still say what the deployment was judged against when it was made.
        await host.Admin.MutateAsync(DeploymentPolicyHost.SetPolicy,
            new { scope = "model:" + subject.ModelName, environment, allowedStages = new[] { "PRODUCTION" }, reason = "canaries only after release" });
        await host.DeployAsync(subject.VersionId, "development");

        var markdown = await ReportAsync(subject.ModelId, "MARKDOWN");
        var json = JsonDocument.Parse(await ReportAsync(subject.ModelId, "JSON")).RootElement;

        Assert.Contains($"| Policy when deployed | (scope model:{subject.ModelName}, environment \"{environment}\") allows only STAGING or PRODUCTION |", markdown);
        Assert.Contains("| Policy when deployed | (scope global, built-in, environment \"development\") allows any stage but ARCHIVED |", markdown);
        var canary = json.GetProperty("deployments").EnumerateArray().Single(d => d.GetProperty("environment").GetString() == environment);
        Assert.Equal($"(scope model:{subject.ModelName}, environment \"{environment}\") allows only STAGING or PRODUCTION", canary.GetProperty("policyWhenDeployed").GetString());
        Assert.False(canary.GetProperty("compliant").GetBoolean());
    }

    private async Task<string> ReportAsync(string modelId, string format)
        => (await host.Admin.QueryAsync("query($id: ID!, $format: ReportFormat!) { complianceReport(modelId: $id, format: $format) { content } }",
            new { id = modelId, format })).GetProperty("complianceReport").GetProperty("content").GetString()!;
}
