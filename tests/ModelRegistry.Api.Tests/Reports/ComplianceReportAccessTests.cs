using System.Net;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>Who may read a compliance report, over GraphQL and as a download.</summary>
public sealed class ComplianceReportAccessTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private const string Report = "query($id: ID!) { complianceReport(modelId: $id) { model { name } content } }";

    private async Task<string> ModelIdAsync(string name)
        => (await factory.Admin().QueryAsync("query($name: String!) { model(name: $name) { id } }", new { name })).GetProperty("model").GetProperty("id").GetString()!;

    [Fact]
    public async Task A_viewer_of_one_model_gets_its_report_and_NOT_FOUND_for_a_model_it_cannot_see()
    {
        var viewer = new GraphQLClient(factory.ClientWithKey(await factory.KeyWithRoleAsync("fraud-auditor", "VIEWER", "model:fraud-detector")));

        var own = await viewer.QueryAsync(Report, new { id = await ModelIdAsync("fraud-detector") });
        var hidden = await viewer.SendAsync(Report, new { id = await ModelIdAsync("toxicity-classifier") });

        Assert.Equal("fraud-detector", own.GetProperty("complianceReport").GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(["NOT_FOUND"], hidden.ErrorCodes);
        Assert.DoesNotContain("toxicity", hidden.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_model_ID_is_NOT_FOUND()
    {
        var response = await factory.Admin().SendAsync(Report, new { id = Ids.Unknown("Model") });

        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
    }

    [Fact]
    public async Task The_markdown_download_is_served_as_text_markdown()
    {
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).GetAsync("/models/toxicity-classifier/compliance-report.md");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Compliance report: toxicity-classifier", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/models/toxicity-classifier/compliance-report.json")]
    [InlineData("/models/toxicity-classifier/compliance-report.md?format=json")]
    public async Task The_json_download_is_served_as_application_json(string path)
    {
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("toxicity-classifier", json.RootElement.GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Downloading_the_report_of_a_hidden_model_answers_404_like_a_missing_one()
    {
        var http = factory.ClientWithKey(await factory.KeyWithRoleAsync("churn-auditor", "VIEWER", "model:churn-predictor"));

        using var hidden = await http.GetAsync("/models/toxicity-classifier/compliance-report.md");
        using var missing = await http.GetAsync("/models/no-such-model/compliance-report.md");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("NOT_FOUND", await hidden.Content.ReadAsStringAsync());
    }
}

/// <summary>The report in Production, where the registry refuses callers without credentials.</summary>
public sealed class ComplianceReportProductionTests(ProductionRegistryFactory factory) : IClassFixture<ProductionRegistryFactory>
{
    [Fact]
    public async Task Downloading_a_report_without_credentials_in_Production_answers_401()
    {
        using var response = await factory.ClientWithKey(null).GetAsync("/models/toxicity-classifier/compliance-report.md");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Asking_for_a_report_over_GraphQL_without_credentials_in_Production_answers_401()
    {
        var response = await new GraphQLClient(factory.ClientWithKey(null))
            .SendAsync("query($id: ID!) { complianceReport(modelId: $id) { content } }", new { id = Ids.Unknown("Model") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }
}
