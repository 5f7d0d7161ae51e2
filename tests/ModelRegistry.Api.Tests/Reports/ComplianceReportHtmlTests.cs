using System.Net;
using System.Security.Cryptography;
using System.Text;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>The compliance report as an HTML page: the download, its signature and its CSP, and the GraphQL form.</summary>
public sealed class ComplianceReportHtmlDownloadTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    [Fact]
    public async Task The_html_download_is_a_signed_page_that_may_run_nothing()
    {
        var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);
        using var response = await http.GetAsync("/models/toxicity-classifier/compliance-report.html");
        var body = await response.Content.ReadAsByteArrayAsync();
        var html = Encoding.UTF8.GetString(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("toxicity-classifier-compliance-report.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(ComplianceReportHtml.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("<h1>Compliance report: toxicity-classifier</h1>", html);
        Assert.Contains("<td>Drift status</td>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(await http.GetStringAsync("/.well-known/model-registry/report-signing-key.pem"));
        var signature = Convert.FromBase64String(response.Headers.GetValues("X-Registry-Signature").Single());
        Assert.True(ecdsa.VerifyData(body, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        body[body.Length / 2] ^= 0x01;
        Assert.False(ecdsa.VerifyData(body, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task The_html_page_carries_every_heading_of_the_markdown_report()
    {
        var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);
        var markdown = await http.GetStringAsync("/models/toxicity-classifier/compliance-report.md");
        var html = await http.GetStringAsync("/models/toxicity-classifier/compliance-report.html");

        var headings = markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        Assert.NotEmpty(headings);
        foreach (var heading in headings)
            Assert.Contains($"<h2>{System.Net.WebUtility.HtmlEncode(heading)}</h2>", html);
    }

    [Fact]
    public async Task A_description_with_markup_is_shown_as_text_in_the_page()
    {
        var admin = factory.Admin();
        var id = (await admin.QueryAsync("query { model(name: \"churn-predictor\") { id } }")).GetProperty("model").GetProperty("id").GetString();
        await admin.MutateAsync("mutation($input: UpdateModelInput!) { updateModel(input: $input) { model { id } errors { code message } } }",
            new { id, description = "Predicts churn <script>alert(1)</script> [open](javascript:alert(2)) ![pixel](https://tracker.example.com/p.png)" });

        var report = await admin.QueryAsync("query($id: ID!) { complianceReport(modelId: $id, format: HTML) { format content } }", new { id });
        var html = report.GetProperty("complianceReport").GetProperty("content").GetString()!;

        Assert.Equal("HTML", report.GetProperty("complianceReport").GetProperty("format").GetString());
        Assert.Contains("Predicts churn &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tracker.example.com", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_html_report_of_a_hidden_model_answers_404_like_a_missing_one()
    {
        var http = factory.ClientWithKey(await factory.KeyWithRoleAsync("html-churn-viewer", "VIEWER", "model:churn-predictor"));

        using var hidden = await http.GetAsync("/models/toxicity-classifier/compliance-report.html");
        using var missing = await http.GetAsync("/models/no-such-model/compliance-report.html");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The answer only echoes the name asked for: a hidden model reads exactly as a missing one.
        Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace("no-such-model", "NAME", StringComparison.Ordinal),
            (await hidden.Content.ReadAsStringAsync()).Replace("toxicity-classifier", "NAME", StringComparison.Ordinal));
    }
}
