using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Reports;

/// <summary>Queries of the Reports feature.</summary>
public static class ComplianceReportQueries
{
    /// <summary>Adds complianceReport.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<NonNullGraphType<ComplianceReportType>>("complianceReport")
            .Description("The compliance report of a model the caller can view (VIEWER); a model it cannot see is NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("modelId")
            .Argument<ReportFormatType>("format", a => a.DefaultValue = ReportFormat.Markdown)
            .ResolveAsync(async c =>
            {
                if (!IdArgument.TryDecode(c.GetArgument<string>("modelId"), NodeTypes.Model, "modelId", out var modelId, out var invalid))
                    throw new ExecutionError(invalid!.Message) { Code = invalid.Code };
                var result = await c.RequestServices!.GetRequiredService<ComplianceReportBuilder>().BuildAsync(modelId, c.CancellationToken);
                if (!result.IsSuccess)
                    throw new ExecutionError(result.Error!.Message) { Code = result.Error.Code };
                return RenderedComplianceReport.Of(result.Value!, c.GetArgument("format", ReportFormat.Markdown),
                    c.RequestServices!.GetRequiredService<ReportSigningKey>());
            });
}
