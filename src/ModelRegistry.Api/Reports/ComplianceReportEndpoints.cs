using System.Text;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Reports;

/// <summary>
/// Downloads of compliance reports: <c>/models/{name}/compliance-report.md</c>, <c>.json</c> and <c>.html</c>, each signed with the
/// registry's report signing key (headers <c>X-Registry-Signature</c>, base64 of the DER signature over the exact bytes of
/// the body, <c>X-Registry-Signature-Algorithm</c> and <c>X-Registry-Signing-Key-Id</c>), and the public key to check them.
/// </summary>
public static class ComplianceReportEndpoints
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Registry-Signature";

    /// <summary>Maps the download routes; <c>?format=json</c> on the .md route also answers JSON.</summary>
    public static void MapComplianceReports(this WebApplication app)
    {
        app.MapGet("/models/{name}/compliance-report.md", (HttpContext http, string name, string? format, ComplianceReportBuilder builder, ReportSigningKey key, CancellationToken ct) =>
            DownloadAsync(http, name, string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? ReportFormat.Json : ReportFormat.Markdown, builder, key, ct));
        app.MapGet("/models/{name}/compliance-report.json", (HttpContext http, string name, ComplianceReportBuilder builder, ReportSigningKey key, CancellationToken ct) =>
            DownloadAsync(http, name, ReportFormat.Json, builder, key, ct));
        app.MapGet("/models/{name}/compliance-report.html", (HttpContext http, string name, ComplianceReportBuilder builder, ReportSigningKey key, CancellationToken ct) =>
            DownloadAsync(http, name, ReportFormat.Html, builder, key, ct));
        app.MapGet(ReportSigningKey.PublicKeyPath, (ReportSigningKey key) => Results.Text(key.PublicKeyPem, "application/x-pem-file", Encoding.ASCII));
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext http, string name, ReportFormat format, ComplianceReportBuilder builder, ReportSigningKey key, CancellationToken ct)
    {
        var result = await builder.BuildAsync(name, ct);
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            var status = error.Code == ErrorCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Results.Json(new { errors = new[] { new { message = $"No model named '{name}' was found.", extensions = new { code = error.Code } } } },
                statusCode: status);
        }
        var content = Encoding.UTF8.GetBytes(ComplianceReportRenderer.Render(result.Value!, format));
        http.Response.Headers[SignatureHeader] = Convert.ToBase64String(key.Sign(content));
        http.Response.Headers[SignatureHeader + "-Algorithm"] = ReportSigningKey.Algorithm;
        http.Response.Headers["X-Registry-Signing-Key-Id"] = key.KeyId;
        if (format == ReportFormat.Html)
        {
            // The page runs nothing and fetches nothing; only its own inline stylesheet applies.
            http.Response.Headers.ContentSecurityPolicy = ComplianceReportHtml.ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
        }
        return Results.File(content, ComplianceReportRenderer.MediaType(format) + "; charset=utf-8",
            $"{name}-compliance-report.{ComplianceReportRenderer.Extension(format)}");
    }
}
