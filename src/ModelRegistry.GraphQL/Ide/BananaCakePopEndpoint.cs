using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace ModelRegistry.GraphQL.Ide;

/// <summary>
/// Hosts the Banana Cake Pop IDE under the GraphQL path: browsers opening the endpoint are redirected to
/// its trailing-slash form, which serves the IDE; API requests (POST, WebSocket, event streams, GET with a query) pass through.
/// </summary>
public static class BananaCakePopEndpoint
{
    /// <summary>Serves the IDE at <paramref name="path"/>/ unless <see cref="BananaCakePopOptions.Enabled"/> is false.</summary>
    public static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app, string path = "/graphql", BananaCakePopOptions? options = null)
    {
        options ??= new BananaCakePopOptions();
        if (!options.Enabled)
            return app;
        var ide = new BananaCakePopSite(path.TrimEnd('/'), options);
        return app.Use(async (context, next) =>
        {
            if (!await ide.TryServeAsync(context))
                await next(context);
        });
    }
}

/// <summary>The IDE's files and configuration for one path.</summary>
internal sealed class BananaCakePopSite(string path, BananaCakePopOptions options)
{
    private static readonly JsonSerializerOptions ConfigJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private PhysicalFileProvider? installed;

    // Looked up per request until found, so an IDE copied in after start-up is served without a restart.
    private PhysicalFileProvider? Files => installed ??= System.IO.Directory.Exists(options.Directory)
        ? new PhysicalFileProvider(Path.GetFullPath(options.Directory))
        : null;

    public async Task<bool> TryServeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            return false;
        if (!request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase, out var rest))
            return false;
        if (!rest.HasValue)
            return RedirectBrowser(context);
        if (rest.Value == "/" && request.Query.ContainsKey("query"))
            return false;
        return rest.Value switch
        {
            "/bcp-config.json" => await WriteConfigAsync(context),
            "/" or "/index.html" when Files is null => await WriteNotInstalledAsync(context),
            "/" => await SendFileAsync(context, "/index.html"),
            _ => Files is not null && await SendFileAsync(context, rest.Value!),
        };
    }

    private bool RedirectBrowser(HttpContext context)
    {
        var acceptsHtml = context.Request.GetTypedHeaders().Accept
            .Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        if (!acceptsHtml || context.WebSockets.IsWebSocketRequest)
            return false;
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = context.Request.PathBase + path + "/" + context.Request.QueryString;
        return true;
    }

    private async Task<bool> WriteConfigAsync(HttpContext context)
    {
        var config = new BananaCakePopConfig(
            options.Title, options.UseBrowserUrlAsEndpoint, options.Endpoint ?? path, options.DisableTelemetry);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (HttpMethods.IsGet(context.Request.Method))
            await context.Response.WriteAsync(JsonSerializer.Serialize(config, ConfigJson), context.RequestAborted);
        return true;
    }

    private async Task<bool> WriteNotInstalledAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        var endpoint = WebUtility.HtmlEncode(options.Endpoint ?? path);
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await context.Response.WriteAsync(
                $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>GraphQL IDE not installed</title></head>
                <body>
                <h1>The GraphQL IDE is not installed</h1>
                <p>Banana Cake Pop was not found on this server, usually because npm was unavailable when the application was built.
                Rebuild with npm on the path to install it.</p>
                <p>The GraphQL API itself works: send queries to <code>{endpoint}</code>.</p>
                </body></html>
                """,
                context.RequestAborted);
        }
        return true;
    }

    // index.html names the hashed bundles of the installed version, so it must be revalidated after upgrades.
    private Task<bool> SendFileAsync(HttpContext context, string relativePath)
        => StaticFileSender.SendAsync(context, Files!, relativePath, file => file.Name == "index.html" ? "no-cache" : "public, max-age=3600");

    /// <summary>The bcp-config.json document the IDE reads next to its index.html.</summary>
    private sealed record BananaCakePopConfig(string Title, bool UseBrowserUrlAsEndpoint, string Endpoint, bool DisableTelemetry);
}
