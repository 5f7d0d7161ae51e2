using System.Net;
using System.Security.Cryptography;
using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// The HTML form of a compliance report: the Markdown form, to the character, rendered as one self-contained page (its
/// stylesheet inline, nothing fetched) that reads well on screen and on paper. Text that came from users (descriptions,
/// reasons, comments) cannot inject markup: raw HTML in the Markdown is written as text, only http, https, mailto and
/// relative links survive, and images become their alternative text, so an opened report fetches nothing.
/// </summary>
public static class ComplianceReportHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>The page's stylesheet, inline so that a downloaded report needs nothing else.</summary>
    public const string Stylesheet =
        "body{margin:0;background:#f6f7f9;color:#1b1f24;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
        + "main{max-width:72rem;margin:0 auto;padding:1.5rem 1.25rem 3rem;background:#fff}"
        + "h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;padding-top:.6rem;border-top:1px solid #d5d9e0}"
        + "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.9rem;display:block;overflow-x:auto}"
        + "th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}"
        + "th{background:#eef1f5}code{font:.85em ui-monospace,SFMono-Regular,Menlo,monospace}a{color:#0b57b0}"
        + "@media print{body{background:#fff}main{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}";

    /// <summary>The Content-Security-Policy that lets the page's own stylesheet apply and nothing else load or run.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)))}'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// <summary>The rendered page.</summary>
    public static string Render(ComplianceReportDocument report) => Page(report.Model.Name, ComplianceReportMarkdown.Render(report));

    /// <summary>The page for <paramref name="markdown"/>, titled after the model.</summary>
    public static string Page(string modelName, string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        Defuse(document);
        using var body = new StringWriter();
        var renderer = new HtmlRenderer(body);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        body.Flush();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Compliance report: ").Append(WebUtility.HtmlEncode(modelName)).Append("</title>\n")
            .Append("<style>").Append(Stylesheet).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body.ToString())
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Unwraps links whose scheme could run or fetch something, and turns images into their text.</summary>
    private static void Defuse(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!link.IsImage && IsSafe(link.Url))
                continue;
            var child = link.FirstChild;
            while (child is not null)
            {
                var next = child.NextSibling;
                child.Remove();
                link.InsertBefore(child);
                child = next;
            }
            link.Remove();
        }
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var path = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (path >= 0 && path < colon))
            return true;
        var scheme = url[..colon].Trim();
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("mailto", StringComparison.OrdinalIgnoreCase);
    }
}
