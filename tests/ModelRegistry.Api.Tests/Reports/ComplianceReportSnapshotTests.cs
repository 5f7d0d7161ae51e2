using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>The compliance report of the demo toxicity classifier, read by the admin, compared with committed snapshots.</summary>
public sealed class ComplianceReportSnapshotTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private const string Report = """
        query($id: ID!, $format: ReportFormat) { complianceReport(modelId: $id, format: $format) {
          model { name } format content generatedAt auditVerified } }
        """;

    private async Task<System.Text.Json.JsonElement> ReportAsync(string? format)
    {
        var id = (await factory.Admin().QueryAsync("{ model(name: \"toxicity-classifier\") { id } }")).GetProperty("model").GetProperty("id").GetString();
        return (await factory.Admin().QueryAsync(Report, new { id, format })).GetProperty("complianceReport");
    }

    [Fact]
    public async Task The_markdown_report_of_the_toxicity_classifier_matches_its_snapshot()
    {
        var report = await ReportAsync(null);

        Assert.Equal("MARKDOWN", report.GetProperty("format").GetString());
        Volatile.Normalise(report.GetProperty("content").GetString()!).MatchSnapshot();
    }

    [Fact]
    public async Task The_json_report_of_the_toxicity_classifier_matches_its_snapshot()
    {
        var report = await ReportAsync("JSON");

        Assert.Equal("JSON", report.GetProperty("format").GetString());
        JToken.Parse(Volatile.Normalise(report.GetProperty("content").GetString()!)).MatchSnapshot();
    }

    [Fact]
    public async Task The_report_names_its_model_and_says_the_intact_audit_chain_verified()
    {
        var report = await ReportAsync(null);

        Assert.Equal("toxicity-classifier", report.GetProperty("model").GetProperty("name").GetString());
        Assert.True(report.GetProperty("auditVerified").GetBoolean());
        Assert.Contains("Audit chain verified | yes (", report.GetProperty("content").GetString());
        Assert.True(DateTime.UtcNow - report.GetProperty("generatedAt").GetDateTime().ToUniversalTime() < TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task The_report_lists_training_data_approvals_consumers_and_says_drift_is_not_monitored()
    {
        var content = (await ReportAsync(null)).GetProperty("content").GetString()!;

        Assert.Contains("| tox21-assays | 2026.06 | b4e2d3c5f6a7089923bc45de67f08901b2c3d4e5f6a70819203b4c5d6e7f8091 | 12707 |", content);
        Assert.Contains("| APPROVED | model-risk-office |", content);
        Assert.Contains("| compound-screening-portal |", content);
        Assert.Contains("Status: **NOT_MONITORED**", content);
        Assert.Contains("| Source code | https://git.example/chem-safety/toxicity-classifier @ 9f8e7d6 (train.py) |", content);
    }

    [Fact]
    public async Task The_json_report_embeds_hyperparameters_as_json_and_keeps_no_database_keys()
    {
        var json = JObject.Parse((await ReportAsync("JSON")).GetProperty("content").GetString()!);

        Assert.Null(json["modelId"]);
        Assert.Equal(256, (int)json["versions"]![1]!["hyperparameters"]!["hidden"]!);
        Assert.True((bool)json["auditChain"]!["verified"]!);
    }
}
