using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Reports;

namespace ModelRegistry.Api.Reports;

/// <summary>A rendered compliance report: the document it came from, the format and the text.</summary>
public sealed record RenderedComplianceReport(ComplianceReportDocument Document, ReportFormat Format, string Content, string Signature, string SigningKeyId)
{
    /// <summary>Renders <paramref name="document"/> in <paramref name="format"/> and signs the UTF-8 bytes of the text.</summary>
    public static RenderedComplianceReport Of(ComplianceReportDocument document, ReportFormat format, ReportSigningKey key)
    {
        var content = ComplianceReportRenderer.Render(document, format);
        return new(document, format, content, Convert.ToBase64String(key.Sign(System.Text.Encoding.UTF8.GetBytes(content))), key.KeyId);
    }
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
        Field<NonNullGraphType<StringGraphType>>("signature")
            .Description("Base64 of the registry's ECDSA P-256 signature (DER, over SHA-256) of the UTF-8 bytes of `content`; check it with the public key at "
                         + ReportSigningKey.PublicKeyPath + " (docs/governance.md shows the openssl command).")
            .Resolve(c => c.Source.Signature);
        Field<NonNullGraphType<StringGraphType>>("signatureAlgorithm").Resolve(_ => ReportSigningKey.Algorithm);
        Field<NonNullGraphType<StringGraphType>>("signingKeyId")
            .Description("SHA-256 (hex) of the signing key's DER SubjectPublicKeyInfo.")
            .Resolve(c => c.Source.SigningKeyId);
        Field<NonNullGraphType<StringGraphType>>("auditChainHead")
            .Description("The hash of the newest audit event when the report was generated.")
            .Resolve(c => c.Source.Document.AuditChain.HeadHash ?? "");
        Field<NonNullGraphType<BooleanGraphType>>("auditVerified")
            .Description("Whether the hash chain of the whole audit log verified when the report was generated.")
            .Resolve(c => c.Source.Document.AuditChain.Verified);
        Field<NonNullGraphType<BooleanGraphType>>("stateVerified")
            .Description("Whether this model's live versions, metrics, parameters, stages, aliases, deployments and lineage edges matched the "
                         + "state replayed from the audit chain when the report was generated; the content lists every difference.")
            .Resolve(c => c.Source.Document.StateComparison.Matches);
    }
}
