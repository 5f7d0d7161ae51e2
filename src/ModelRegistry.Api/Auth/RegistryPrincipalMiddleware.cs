using Microsoft.AspNetCore.Authentication;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// Authenticates the request (API key or bearer token), sets the scope's principal and read visibility, and
/// refuses callers without credentials where the deployment does not let anonymous users read (Production).
/// </summary>
public sealed class RegistryPrincipalMiddleware(RequestDelegate next)
{
    /// <summary>The policy scheme that picks API key or bearer per request.</summary>
    public const string Scheme = "Registry";

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext http, RequestPrincipal principal, AccessControl access, ReadVisibilityHolder visibility,
        RegistryAuthOptions options, AccessOptions accessOptions)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Failure is not null)
        {
            await RefuseAsync(http, result.Failure.Message);
            return;
        }
        if (result.Succeeded)
            http.User = result.Principal!;
        principal.Principal = RegistryClaims.ToPrincipal(http.User, options);
        if (!principal.Principal.IsAuthenticated && !accessOptions.AnonymousCanRead && NeedsCredentials(http))
        {
            await RefuseAsync(http, "Send an API key (X-Api-Key) or a bearer token.");
            return;
        }
        await visibility.EstablishAsync(access, http.RequestAborted);
        await next(http);
    }

    // Open without credentials: the health probe, the IDE shell, WebSocket upgrades (which authenticate in connection_init)
    // and signed artifact downloads (the signature is the credential).
    private static bool NeedsCredentials(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/healthz") || IsWebSocketUpgrade(http) || Artifacts.ArtifactEndpoints.IsSignedDownload(http.Request))
            return false;
        var query = http.Request.Query;
        if (HttpMethods.IsGet(http.Request.Method) && path.StartsWithSegments("/graphql", out var rest) && !query.ContainsKey("query"))
        {
            if (rest.HasValue && rest.Value!.Length > 0)
                return false;
            var wantsPage = http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
            return !wantsPage || query.ContainsKey("sdl");
        }
        return true;
    }

    // Read from the headers: this middleware runs before the WebSocket middleware that would otherwise tell.
    private static bool IsWebSocketUpgrade(HttpContext http)
        => HttpMethods.IsGet(http.Request.Method)
           && http.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext http, string message)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer, ApiKey header=\"X-Api-Key\"";
        // The artifact byte endpoints speak their own error shape, which their clients parse.
        if (http.Request.Path.StartsWithSegments("/artifacts"))
            return http.Response.WriteAsJsonAsync(new { error = new { code = "UNAUTHENTICATED", message } });
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code = "UNAUTHENTICATED" } } } });
    }
}
