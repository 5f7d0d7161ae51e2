using System.Security.Cryptography;
using System.Text;
using ModelRegistry.Api.Auth;
using ModelRegistry.Core.Governance;
using Prometheus;

namespace ModelRegistry.Api.Telemetry;

/// <summary>
/// <c>GET /metrics</c> in Prometheus' text format, for the callers <see cref="MetricsSettings"/> admits. Runs before the
/// registry's authentication, so that a scrape key (which is no API key) is judged here and not refused there.
/// </summary>
public sealed class MetricsEndpoint(RequestDelegate next, MetricsSettings settings, PrometheusMeterBridge bridge)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext http)
    {
        var onMetricsPort = settings.Port is { } port && http.Connection.LocalPort == port;
        if (onMetricsPort)
        {
            // The metrics port serves the metrics and nothing else.
            if (IsMetrics(http) && HttpMethods.IsGet(http.Request.Method))
                await WriteAsync(http);
            else
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!IsMetrics(http))
        {
            await next(http);
            return;
        }
        if (settings.Port is not null || !HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (settings.ScrapeKey is { } key && BearerToken.Of(http.Request.Headers.Authorization.ToString()) is { } sent
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(key)))
        {
            await WriteAsync(http);
            return;
        }
        // Anyone else authenticates as for any request; the endpoint mapped by MapMetrics then admits global ADMINs only.
        await next(http);
    }

    /// <summary>The ADMIN route, reached after the registry's authentication when no scrape key was presented.</summary>
    public static async Task ServeToAdminAsync(HttpContext http, AccessControl access, PrometheusMeterBridge bridge)
    {
        if (!access.Principal.IsAuthenticated)
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, RegistryPrincipalMiddleware.Unauthenticated,
                "Send the scrape key as a bearer token, or the API key of a global ADMIN.");
            return;
        }
        if (!await access.HasAsync(Role.Admin, AccessScope.Registry, http.RequestAborted))
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, Core.Common.ErrorCodes.Forbidden, "Only a global ADMIN or the scrape key may read the metrics.");
            return;
        }
        await WriteAsync(http, bridge);
    }

    private static bool IsMetrics(HttpContext http) => http.Request.Path.Equals(MetricsSettings.Path, StringComparison.OrdinalIgnoreCase);

    private Task WriteAsync(HttpContext http) => WriteAsync(http, bridge);

    private static async Task WriteAsync(HttpContext http, PrometheusMeterBridge bridge)
    {
        http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await bridge.Registry.CollectAndExportAsTextAsync(http.Response.Body, ExpositionFormat.PrometheusText, http.RequestAborted);
    }

    private static Task RefuseAsync(HttpContext http, int status, string code, string message)
        => Results.Json(new { errors = new[] { new { message, extensions = new { code } } } }, statusCode: status).ExecuteAsync(http);
}
