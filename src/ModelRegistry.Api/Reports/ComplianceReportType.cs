using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Reports;

/// <summary>A rendered compliance report: the document it came from, the format and the text.</summary>
public sealed record RenderedComplianceReport(ComplianceReportDocument Document, ReportFormat Format, string Content)
{
    /// <summary>Renders <paramref name="document"/> in <paramref name="format"/>.</summary>
    public static RenderedComplianceReport Of(ComplianceReportDocument document, ReportFormat format)
        => new(document, format, ComplianceReportRenderer.Render(document, format));
}

/// <summary>The <c>ReportFormat</c> enum.</summary>
public sealed class ReportFormatType : EnumerationGraphType<ReportFormat>
{
    /// <summary>Names the enum.</summary>
    public ReportFormatType() => Name = "ReportFormat";
}

/// <summary>The <c>ComplianceReport</c> type.</summary>
public sealed class ComplianceReportType : ObjectGraphType<RenderedComplianceReport>
{
    /// <summary>Declares the fields.</summary>
    public ComplianceReportType()
    {
        Name = "ComplianceReport";
        Description = "A model's compliance report: model card, versions, training data, promotions, deployments and audit trail.";
        Field<NonNullGraphType<ModelType>>("model").Resolve(c => c.LoadById<Model>(c.Source.Document.ModelId));
        Field<NonNullGraphType<ReportFormatType>>("format").Resolve(c => c.Source.Format);
        Field<NonNullGraphType<StringGraphType>>("content").Description("The rendered report.").Resolve(c => c.Source.Content);
        Field<NonNullGraphType<DateTimeGraphType>>("generatedAt").Resolve(c => c.Source.Document.GeneratedAt);
        Field<NonNullGraphType<BooleanGraphType>>("auditVerified")
            .Description("Whether the hash chain of the whole audit log verified when the report was generated.")
            .Resolve(c => c.Source.Document.AuditChain.Verified);
    }
}
