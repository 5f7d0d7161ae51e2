namespace ModelRegistry.Core.Reports;

/// <summary>How a compliance report is rendered.</summary>
public enum ReportFormat
{
    /// <summary>A Markdown document for people.</summary>
    Markdown,
    /// <summary>A JSON document for tools.</summary>
    Json,
    /// <summary>The Markdown form rendered as one self-contained HTML page.</summary>
    Html,
}
