using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>What the compliance report states about a model with a governed history, and that its signature checks with openssl.</summary>
public sealed class ComplianceReportTrustTests(AuditedModelScenario scenario) : IClassFixture<AuditedModelScenario>
{
    private const string Report = """
        query($id: ID!, $format: ReportFormat) { complianceReport(modelId: $id, format: $format) {
          content signature signatureAlgorithm signingKeyId auditChainHead } }
        """;

    private async Task<JsonElement> ReportAsync(string format = "MARKDOWN")
        => (await scenario.GraphQL().QueryAsync(Report, new { id = scenario.ModelId, format })).GetProperty("complianceReport");

    private async Task<string> MarkdownAsync() => (await ReportAsync()).GetProperty("content").GetString()!;

    [Fact]
    public async Task The_report_states_the_real_drift_status_with_windows_and_the_open_alert()
    {
        var content = await MarkdownAsync();

        Assert.Contains("| Drift status | DRIFTING |", content);
        Assert.DoesNotContain("NOT_MONITORED", content);
        Assert.Contains("1 monitored deployment(s), 1 window(s) evaluated; 1 alert(s) open", content);
        Assert.Matches(@"\| 1 \| production \| ACTIVE \| model_feature_value \| 1h \| 0\.1 / 0\.25 \| bootstrap-admin at [^|]+ \| 1 \| DRIFTING 1 \|", content);
        Assert.Matches(@"\| 1 \| production \| age \| psi [0-9.]+ \| 0\.25 \| OPEN \|", content);
    }

    [Fact]
    public async Task An_acknowledged_alert_is_reported_with_who_acknowledged_it_and_why_and_keeps_the_status_at_least_WARNING()
    {
        var scenarioCopy = new AuditedModelScenario();
        await scenarioCopy.InitializeAsync();
        try
        {
            var admin = scenarioCopy.GraphQL();
            var alerts = await admin.QueryAsync(MonitoringArrange.DeploymentDrift, new { id = scenarioCopy.DeploymentId });
            var alertId = alerts.GetProperty("node").GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0].GetProperty("id").GetString();
            await admin.MutateAsync(MonitoringArrange.Acknowledge, new { alertId, comment = "retraining scheduled" });
            // The newest window has no data: the unresolved alert still holds the status up.
            scenarioCopy.Metrics.Answer($"deployment=\"{scenarioCopy.ModelName}\"", MonitoringArrange.Edges, []);
            Assert.Equal(Core.Monitoring.DriftStatus.Unknown,
                await scenarioCopy.RunJobAsync(scenarioCopy.DeploymentId, new DateTime(2026, 1, 1, 11, 0, 0, DateTimeKind.Utc)));

            var content = (await admin.QueryAsync(Report, new { id = scenarioCopy.ModelId, format = "MARKDOWN" }))
                .GetProperty("complianceReport").GetProperty("content").GetString()!;

            Assert.Matches(@"\| ACKNOWLEDGED \| [^|]+ \| bootstrap-admin at [^|]+ \| retraining scheduled \|", content);
            Assert.Contains("0 alert(s) open, 1 acknowledged", content);
            Assert.Contains("| Drift status | WARNING |", content);
        }
        finally
        {
            await ((IAsyncLifetime)scenarioCopy).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_report_lists_artifacts_with_their_sha256()
    {
        var content = await MarkdownAsync();

        Assert.Contains($"| weights.bin | 4096 | {Convert.ToHexStringLower(SHA256.HashData(scenario.ArtifactBytes))} | bootstrap-admin |", content);
    }

    [Fact]
    public async Task The_report_lists_every_lineage_relation_of_a_version_not_only_training_data()
    {
        var content = await MarkdownAsync();

        foreach (var relation in new[] { "TRAINED_ON", "VALIDATED_ON", "EVALUATED_ON", "FINE_TUNED_FROM" })
            Assert.Matches($@"\| UPSTREAM \| {relation} \| ", content);
        Assert.Matches(@"\| DOWNSTREAM \| DEPLOYED_AS \| deployment production \|", content);
    }

    [Fact]
    public async Task Refused_policy_checks_and_self_approvals_are_chained_and_reported_with_who_tried()
    {
        var content = await MarkdownAsync();
        var log = await scenario.AuditEventsAsync();

        var refusals = log.Where(e => e.Type == EventTypes.AttemptRefused).ToList();
        Assert.Equal(["POLICY_CHECK_FAILED", "SELF_APPROVAL"], refusals.Select(e => JsonDocument.Parse(e.PayloadJson).RootElement.GetProperty("code").GetString()));
        Assert.All(refusals, e => Assert.Equal("ci-bot", e.Actor));
        Assert.Matches(@"\| ci-bot \| version 1 \| POLICY_CHECK_FAILED \| PRODUCTION needs metric 'auc' of at least 0\.99", content);
        Assert.Matches(@"\| ci-bot \| promotion request of version 1 \| SELF_APPROVAL \|", content);
        Assert.Contains("| Refused attempts | 2 |", content);
    }

    [Fact]
    public async Task An_approval_by_the_bootstrap_admin_key_is_flagged_as_not_a_person_and_names_the_policy_in_force()
    {
        var content = await MarkdownAsync();

        Assert.Matches(@"\| APPROVED \| bootstrap-admin \| NOT A PERSON \(SHARED_SECRET\) \| [^|]+ \| looks fine \| 1 approval \(model:" + scenario.ModelName + @"\) \|", content);
        Assert.Contains($"Policy in force at the request: 1 approval (model:{scenario.ModelName})", content);
    }

    [Fact]
    public async Task Every_audit_row_carries_its_hash_and_the_report_names_the_chain_head()
    {
        var report = await ReportAsync();
        var content = report.GetProperty("content").GetString()!;
        var log = await scenario.AuditEventsAsync();
        var head = log[^1];

        foreach (var e in log.Where(e => e.ModelId is not null && content.Contains($"| {e.Sequence} |", StringComparison.Ordinal)).Take(5))
            Assert.Contains($"| {e.Hash} |", content);
        Assert.Contains($"| Audit chain head | sequence {head.Sequence}, hash {head.Hash} |", content);
        Assert.Equal(head.Hash, report.GetProperty("auditChainHead").GetString());
        Assert.Contains("was re-hashed", content);
    }

    [Fact]
    public async Task A_downloaded_report_verifies_with_openssl_and_fails_once_one_byte_changes()
    {
        var http = scenario.GraphQL().Http;
        using var response = await http.GetAsync($"/models/{scenario.ModelName}/compliance-report.md");
        var body = await response.Content.ReadAsByteArrayAsync();
        var signature = Convert.FromBase64String(response.Headers.GetValues("X-Registry-Signature").Single());
        var key = await http.GetStringAsync("/.well-known/model-registry/report-signing-key.pem");
        Assert.Equal("ECDSA-P256-SHA256", response.Headers.GetValues("X-Registry-Signature-Algorithm").Single());

        var (code, output) = await OpensslVerifyAsync(key, body, signature);
        Assert.True(code == 0, output);
        Assert.Contains("Verified OK", output);

        body[body.Length / 2] ^= 0x01;
        (code, output) = await OpensslVerifyAsync(key, body, signature);
        Assert.NotEqual(0, code);
        Assert.Contains("Verification failure", output);
    }

    [Fact]
    public async Task The_graphql_report_is_signed_over_its_content_with_the_served_key()
    {
        var report = await ReportAsync("JSON");
        var key = await scenario.GraphQL().Http.GetStringAsync("/.well-known/model-registry/report-signing-key.pem");
        var content = System.Text.Encoding.UTF8.GetBytes(report.GetProperty("content").GetString()!);

        var (code, output) = await OpensslVerifyAsync(key, content, Convert.FromBase64String(report.GetProperty("signature").GetString()!));

        Assert.True(code == 0, output);
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(key);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo())), report.GetProperty("signingKeyId").GetString());
    }

    private static async Task<(int Code, string Output)> OpensslVerifyAsync(string publicKeyPem, byte[] content, byte[] signature)
    {
        var directory = Directory.CreateTempSubdirectory("report-signature-");
        try
        {
            var keyPath = Path.Combine(directory.FullName, "key.pem");
            var reportPath = Path.Combine(directory.FullName, "report");
            var signaturePath = Path.Combine(directory.FullName, "report.sig");
            await File.WriteAllTextAsync(keyPath, publicKeyPem);
            await File.WriteAllBytesAsync(reportPath, content);
            await File.WriteAllBytesAsync(signaturePath, signature);
            using var openssl = Process.Start(new ProcessStartInfo("openssl", ["dgst", "-sha256", "-verify", keyPath, "-signature", signaturePath, reportPath])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var output = await openssl.StandardOutput.ReadToEndAsync() + await openssl.StandardError.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            return (openssl.ExitCode, output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
