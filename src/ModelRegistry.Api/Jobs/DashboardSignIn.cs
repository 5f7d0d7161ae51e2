using System.Net;
using ModelRegistry.Api.Auth;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// The dashboard's sign-in for browsers, which cannot send <c>X-Api-Key</c>: GET shows a one-field form, POST exchanges a
/// global ADMIN's API key for the <see cref="DashboardSession"/> cookie and goes to the dashboard. The POST must come from
/// this very page (its Origin, or failing that its Referer, names this host), so another site cannot sign a browser in
/// (login CSRF); the cookie itself is SameSite=Strict, so other sites cannot use it either.
/// </summary>
public static class DashboardSignIn
{
    /// <summary>The sign-in page's path.</summary>
    public const string Path = JobServiceExtensions.DashboardPath + "/sign-in";

    /// <summary>The form field carrying the key.</summary>
    public const string KeyField = "apiKey";

    /// <summary>Serves the sign-in page and sends browsers without credentials there; call before the dashboard.</summary>
    public static WebApplication UseDashboardSignIn(this WebApplication app)
    {
        // MapWhen rather than Map, which would move the path into PathBase and skew every link below.
        app.MapWhen(IsSignInPage, branch => branch.Run(HandleAsync));
        app.MapWhen(IsAnonymousPageLoad, branch => branch.Run(http =>
        {
            http.Response.Redirect(http.Request.PathBase + Path);
            return Task.CompletedTask;
        }));
        return app;
    }

    private static Task HandleAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            return PageAsync(http, HttpStatusCode.OK, null);
        if (HttpMethods.IsPost(http.Request.Method))
            return ExchangeAsync(http);
        http.Response.Headers.Allow = "GET, HEAD, POST";
        http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return Task.CompletedTask;
    }

    private static async Task ExchangeAsync(HttpContext http)
    {
        if (!IsSameOrigin(http.Request))
        {
            await PageAsync(http, HttpStatusCode.Forbidden, "Sign in from this page: the request did not come from this registry's own sign-in form.");
            return;
        }
        if (!http.Request.HasFormContentType)
        {
            await PageAsync(http, HttpStatusCode.UnsupportedMediaType, "Send the form as application/x-www-form-urlencoded.");
            return;
        }
        var services = http.RequestServices;
        var presented = (await http.Request.ReadFormAsync(http.RequestAborted))[KeyField].ToString().Trim();
        var key = presented.Length == 0 ? null : await services.GetRequiredService<ApiKeyVerifier>().VerifyAsync(presented, http.RequestAborted);
        if (key is null)
        {
            await PageAsync(http, HttpStatusCode.Unauthorized, "That API key is unknown or revoked.");
            return;
        }
        services.GetRequiredService<RequestPrincipal>().Principal =
            RegistryClaims.ToPrincipal(RegistryClaims.ForApiKey(key.Principal, key.ImplicitAdmin), services.GetRequiredService<RegistryAuthOptions>());
        if (!await services.GetRequiredService<AccessControl>().HasAsync(Role.Admin, AccessScope.Registry, http.RequestAborted))
        {
            await PageAsync(http, HttpStatusCode.Forbidden, "The jobs dashboard is for global ADMINs; that key's principal is not one.");
            return;
        }
        services.GetRequiredService<DashboardSession>().SignIn(http, key);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = (http.Request.PathBase + JobServiceExtensions.DashboardPath).ToString();
    }

    // Host and port only, not the scheme: behind a proxy that ends TLS the request arrives as http while the page was https.
    private static bool IsSameOrigin(HttpRequest request)
    {
        var source = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(source))
            source = request.Headers.Referer.ToString();
        return Uri.TryCreate(source, UriKind.Absolute, out var uri)
               && uri.Scheme is "http" or "https"
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSignInPage(HttpContext http)
        => http.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is null or "" or "/";

    private static bool IsAnonymousPageLoad(HttpContext http)
        => http.Request.Path.StartsWithSegments(JobServiceExtensions.DashboardPath)
           && HttpMethods.IsGet(http.Request.Method)
           && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
           && !http.RequestServices.GetRequiredService<RequestPrincipal>().Principal.IsAuthenticated;

    private static Task PageAsync(HttpContext http, HttpStatusCode status, string? problem)
    {
        var response = http.Response;
        response.StatusCode = (int)status;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers["Referrer-Policy"] = "same-origin";
        var message = problem is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(problem)}</p>";
        var action = WebUtility.HtmlEncode((http.Request.PathBase + Path).ToString());
        return response.WriteAsync($$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Model Registry jobs: sign in</title>
            <style>body { font-family: sans-serif; max-width: 28rem; margin: 4rem auto } input { width: 100%; margin: .5rem 0 } [role=alert] { color: #a00 }</style></head>
            <body>
            <h1>Model Registry jobs</h1>
            <p>Sign in with a global ADMIN's API key. The browser keeps no key: it is exchanged for a cookie that only this
            dashboard accepts and that expires after a while.</p>
            {{message}}
            <form method="post" action="{{action}}">
            <label>API key <input type="password" name="{{KeyField}}" autocomplete="off" required autofocus></label>
            <button type="submit">Sign in</button>
            </form>
            </body>
            </html>
            """, http.RequestAborted);
    }
}
