using System.Security.Cryptography;
using System.Text;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Core.Tests.Reports;

/// <summary>The HTML form of a compliance report: the Markdown's content, with nothing user-written able to run or fetch.</summary>
public sealed class ComplianceReportHtmlTests
{
    [Fact]
    public void Tables_and_headings_of_the_markdown_become_html()
    {
        var html = ComplianceReportHtml.Page("toxicity", "# Compliance report: toxicity\n\n| Item | Value |\n|---|---|\n| Drift status | DRIFTING |\n\n## Versions\n");

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<title>Compliance report: toxicity</title>", html);
        Assert.Contains("<h1>Compliance report: toxicity</h1>", html);
        Assert.Contains("<h2>Versions</h2>", html);
        Assert.Contains("<td>Drift status</td>", html);
        Assert.Contains("<td>DRIFTING</td>", html);
    }

    [Fact]
    public void Raw_html_written_by_a_user_is_shown_as_text()
    {
        var html = ComplianceReportHtml.Page("m<x>", "| Description | <script>alert(1)</script><img src=x onerror=alert(2)> |\n|---|---|\n");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<title>Compliance report: m&lt;x&gt;</title>", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript :alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    public void Links_with_a_scheme_that_could_run_code_keep_their_text_and_lose_the_link(string link)
    {
        var html = ComplianceReportHtml.Page("m", $"Reason: {link}\n");

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("script:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html);
    }

    [Fact]
    public void Web_and_relative_links_stay()
    {
        var html = ComplianceReportHtml.Page("m", "See [the runbook](https://wiki.example.com/runbook) and [the model](/ui/models/m).\n");

        Assert.Contains("<a href=\"https://wiki.example.com/runbook\">the runbook</a>", html);
        Assert.Contains("<a href=\"/ui/models/m\">the model</a>", html);
    }

    [Fact]
    public void Images_become_their_text_so_an_opened_report_fetches_nothing()
    {
        var html = ComplianceReportHtml.Page("m", "Note ![tracking pixel](https://tracker.example.com/p.png) here\n");

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("tracker.example.com", html);
        Assert.Contains("tracking pixel", html);
    }

    [Fact]
    public void The_content_security_policy_allows_exactly_the_inline_stylesheet()
    {
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ComplianceReportHtml.Stylesheet)));
        var html = ComplianceReportHtml.Page("m", "text\n");

        Assert.Contains($"<style>{ComplianceReportHtml.Stylesheet}</style>", html);
        Assert.Contains($"style-src 'sha256-{hash}'", ComplianceReportHtml.ContentSecurityPolicy);
        Assert.StartsWith("default-src 'none'", ComplianceReportHtml.ContentSecurityPolicy);
        Assert.DoesNotContain("script-src", ComplianceReportHtml.ContentSecurityPolicy);
    }
}
