using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using ModelRegistry.GraphQL.Ide;

namespace ModelRegistry.Api.Pages;

/// <summary>Where the registry's own pages live and whether they are served (<c>Registry:Ui:*</c>).</summary>
public sealed class RegistryPagesOptions
{
    /// <summary>False serves nothing at / and /ui/ (both answer 404); the API is unaffected.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder holding the bundled pages (index.html and assets/); defaults to <c>ui</c> beside the application.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "ui");
}

/// <summary>
/// Serves the registry's pages from the files the build bundled (src/ModelRegistry.Api/ui, see Ui.targets): <c>/</c> and
/// every <c>/ui/…</c> path that is not an asset answer the page shell, which routes in the browser, so deep links work.
/// Every answer carries a strict Content-Security-Policy: scripts, styles and connections to this origin only.
/// </summary>
public static partial class RegistryPages
{
    /// <summary>The path prefix of deep links and assets.</summary>
    public const string Prefix = "/ui";

    /// <summary>Serves the pages unless <c>Registry:Ui:Enabled</c> is false; reads <c>Registry:Ui:Directory</c> for the files.</summary>
    public static WebApplication UseRegistryPages(this WebApplication app)
    {
        var options = new RegistryPagesOptions();
        app.Configuration.GetSection("Registry:Ui").Bind(options);
        if (!options.Enabled)
            return app;
        var site = new RegistryPagesSite(options);
        app.Use(async (context, next) =>
        {
            if (!await site.TryServeAsync(context))
                await next(context);
        });
        return app;
    }

    /// <summary>True for the paths the pages answer (<c>/</c>, <c>/ui</c> and below), which open without credentials.</summary>
    public static bool IsPagePath(PathString path)
        => path == "/" || path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The policy the pages run under: nothing from other origins, no inline script or style, no framing, and connections
    /// (fetch and the graphql-transport-ws socket) to this host only. The host is echoed only when it is a plain host[:port].
    /// </summary>
    public static string ContentSecurityPolicy(HostString host)
    {
        var sockets = host.HasValue && PlainHost().IsMatch(host.Value!) ? $" ws://{host.Value} wss://{host.Value}" : "";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
               + $"connect-src 'self'{sockets}; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")]
    private static partial Regex PlainHost();
}

/// <summary>The bundled files for one configuration.</summary>
internal sealed class RegistryPagesSite(RegistryPagesOptions options)
{
    private PhysicalFileProvider? built;

    // Looked up per request until found, so pages built after start-up are served without a restart.
    private PhysicalFileProvider? Files => built ??= File.Exists(Path.Combine(options.Directory, "index.html"))
        ? new PhysicalFileProvider(Path.GetFullPath(options.Directory))
        : null;

    public async Task<bool> TryServeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!RegistryPages.IsPagePath(request.Path))
            return false;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return true;
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = RegistryPages.ContentSecurityPolicy(request.Host);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (Files is null)
            return await WriteNotBuiltAsync(context);
        request.Path.StartsWithSegments(RegistryPages.Prefix, StringComparison.OrdinalIgnoreCase, out var rest);
        // Assets live under /ui/assets/; a missing one is a 404, not the shell, so a broken bundle shows as such.
        if (rest.StartsWithSegments("/assets", StringComparison.Ordinal))
            return await SendFileAsync(context, rest.Value!) || NotFound(context);
        return await SendFileAsync(context, "/index.html");
    }

    private static bool NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return true;
    }

    private static async Task<bool> WriteNotBuiltAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Model Registry pages not built</title></head>
                <body>
                <h1>The registry's pages are not built</h1>
                <p>The pages were not found on this server, usually because npm was unavailable when the application was built.
                Rebuild with npm on the path to include them.</p>
                <p>The GraphQL API itself works: send queries to <code>{WebUtility.HtmlEncode("/graphql")}</code>.</p>
                </body></html>
                """,
                context.RequestAborted);
        }
        return true;
    }

    // The bundle keeps fixed names, so every file is revalidated: an upgraded server never runs yesterday's script.
    private Task<bool> SendFileAsync(HttpContext context, string relativePath)
        => StaticFileSender.SendAsync(context, Files!, relativePath, _ => "no-cache", charsetOnText: true);
}
