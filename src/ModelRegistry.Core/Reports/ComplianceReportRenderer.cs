namespace ModelRegistry.Core.Reports;

/// <summary>Renders a compliance report in the format asked for.</summary>
public static class ComplianceReportRenderer
{
    /// <summary>The rendered document.</summary>
    public static string Render(ComplianceReportDocument report, ReportFormat format) => format switch
    {
        ReportFormat.Json => ComplianceReportJson.Render(report),
        ReportFormat.Html => ComplianceReportHtml.Render(report),
        _ => ComplianceReportMarkdown.Render(report),
    };

    /// <summary>The media type of a rendered document.</summary>
    public static string MediaType(ReportFormat format) => format switch
    {
        ReportFormat.Json => "application/json",
        ReportFormat.Html => "text/html",
        _ => "text/markdown",
    };

    /// <summary>The file extension of a rendered document.</summary>
    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json => "json",
        ReportFormat.Html => "html",
        _ => "md",
    };
}
