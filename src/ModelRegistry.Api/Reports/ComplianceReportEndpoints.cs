using ModelRegistry.Core.Common;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Reports;

/// <summary>Downloads of compliance reports: <c>/models/{name}/compliance-report.md</c> and <c>.json</c>.</summary>
public static class ComplianceReportEndpoints
{
    /// <summary>Maps the download routes; <c>?format=json</c> on the .md route also answers JSON.</summary>
    public static void MapComplianceReports(this WebApplication app)
    {
        app.MapGet("/models/{name}/compliance-report.md", (string name, string? format, ComplianceReportBuilder builder, CancellationToken ct) =>
            DownloadAsync(name, string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? ReportFormat.Json : ReportFormat.Markdown, builder, ct));
        app.MapGet("/models/{name}/compliance-report.json", (string name, ComplianceReportBuilder builder, CancellationToken ct) =>
            DownloadAsync(name, ReportFormat.Json, builder, ct));
    }

    private static async Task<IResult> DownloadAsync(string name, ReportFormat format, ComplianceReportBuilder builder, CancellationToken ct)
    {
        var result = await builder.BuildAsync(name, ct);
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            var status = error.Code == ErrorCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Results.Json(new { errors = new[] { new { message = $"No model named '{name}' was found.", extensions = new { code = error.Code } } } },
                statusCode: status);
        }
        var content = System.Text.Encoding.UTF8.GetBytes(ComplianceReportRenderer.Render(result.Value!, format));
        return Results.File(content, ComplianceReportRenderer.MediaType(format) + "; charset=utf-8",
            $"{name}-compliance-report.{(format == ReportFormat.Json ? "json" : "md")}");
    }
}
