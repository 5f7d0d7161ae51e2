using System.Globalization;
using ModelRegistry.Api.Artifacts;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Api.Reports;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Audit;

/// <summary>
/// <c>GET /audit/export?from=&amp;to=</c>: the audit trail as JSON Lines an auditor verifies without the registry
/// (docs/audit-export.md), signed with the report signing key. Global ADMINs and AUDITORs only; refusals are
/// <c>{ "error": { "code", "message" } }</c> (401 UNAUTHENTICATED, 403 FORBIDDEN, 400 VALIDATION_FAILED).
/// </summary>
public static class AuditExportEndpoints
{
    /// <summary>The route.</summary>
    public const string Path = "/audit/export";

    /// <summary>The media type of the answer.</summary>
    public const string MediaType = "application/jsonl";

    /// <summary>Maps the route.</summary>
    public static void MapAuditExport(this WebApplication app) => app.MapGet(Path, ExportAsync);

    private static async Task ExportAsync(HttpContext http, AccessControl access, ReadVisibilityHolder visibility, AuditExport export,
        ReportSigningKey signingKey, TimeProvider clock, CancellationToken ct)
    {
        // AUDITOR is granted at global scope only, and ADMIN satisfies every role.
        if (await access.RequireAsync(Role.Auditor, AccessScope.Registry, "export the audit trail", ct) is { } denied)
        {
            await ArtifactEndpoints.Error(denied).ExecuteAsync(http);
            return;
        }
        var from = AuditExport.ParseBound(http.Request.Query["from"], "from");
        var to = AuditExport.ParseBound(http.Request.Query["to"], "to");
        if ((from.Error ?? to.Error) is { } badBound)
        {
            await ArtifactEndpoints.Error(badBound).ExecuteAsync(http);
            return;
        }
        // The caller may read the whole trail; the filters must not thin it, or the chain would show false gaps.
        using var unrestricted = visibility.Unrestricted();
        var range = await export.PlanAsync(from.Value, to.Value, ct);
        if (!range.IsSuccess)
        {
            await ArtifactEndpoints.Error(range.Error!).ExecuteAsync(http);
            return;
        }
        var plan = range.Value!;
        http.Response.ContentType = MediaType + "; charset=utf-8";
        http.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"audit-{plan.From}-{plan.To}.jsonl\"");
        var signer = new AuditExportSigner(ReportSigningKey.Algorithm, signingKey.KeyId, signingKey.SignSha256);
        await export.WriteAsync(plan, access.Principal.Name, clock.GetUtcNow().UtcDateTime, signer, http.Response.Body, ct);
    }
}
