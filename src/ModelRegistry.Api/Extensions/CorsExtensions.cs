using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using ModelRegistry.Api.Auth;
using ModelRegistry.Api.Reports;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Http;

namespace ModelRegistry.Api.Extensions;

/// <summary>
/// Cross-origin access for browser apps: <c>Registry:Cors:AllowedOrigins</c> names the pages that may call the routes a
/// browser app uses. The toolkit's <see cref="OriginPolicy"/> judges every origin, so CORS here and the WebSocket and
/// event-stream handshakes cannot disagree.
/// </summary>
public static class CorsExtensions
{
    /// <summary>The configuration key of the allowed origins: a comma-separated list, an array, or both.</summary>
    public const string AllowedOriginsKey = "Registry:Cors:AllowedOrigins";

    // Credentials travel in headers (X-Api-Key, Authorization) that page scripts set themselves, and those need no
    // Access-Control-Allow-Credentials; so every route answers without it and an allowed origin never rides cookies.
    private static readonly string[] RequestHeaders = ["Content-Type", ApiKeyAuthenticationHandler.Header, "Authorization", "GraphQL-Preflight"];

    // Each route family a browser app calls, with the methods it serves. The jobs dashboard and health probe are left out:
    // no app calls them from a page, and the dashboard's sign-in cookie must never be usable from another origin.
    private static readonly (string Policy, PathString Prefix, string[] Methods)[] BrowserRoutes =
    [
        ("graphql", "/graphql", ["GET", "POST"]),
        ("artifacts", "/artifacts", ["GET", "PUT"]),
        ("reports", "/models", ["GET"]),
        ("report-key", ReportSigningKey.PublicKeyPath, ["GET"]),
    ];

    /// <summary>Reads the allowed origins and registers one CORS policy per browser route family.</summary>
    public static IServiceCollection AddRegistryCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.Configure<OriginOptions>(o =>
        {
            foreach (var origin in origins)
                o.AllowedOrigins.Add(origin);
        });
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<OriginPolicy, IOptions<GraphQLEndpointOptions>>((cors, policy, endpoint) =>
        {
            var headers = RequestHeaders.Concat(endpoint.Value.Limits.PreflightHeaders).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            foreach (var (name, _, methods) in BrowserRoutes)
                cors.AddPolicy(name, p => p
                    .SetIsOriginAllowed(policy.IsListed)
                    .WithMethods(methods)
                    .WithHeaders(headers)
                    .WithExposedHeaders("Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
        });
        return services;
    }

    /// <summary>
    /// Answers preflights and marks allowed responses, before authentication: a preflight carries no credentials, and an
    /// error answer (401, 429) must still reach the page that has to read it.
    /// </summary>
    public static WebApplication UseRegistryCors(this WebApplication app)
    {
        foreach (var (name, prefix, _) in BrowserRoutes)
            app.UseWhen(http => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase), branch => branch
                .Use(VaryByOrigin)
                .UseCors(name));
        return app;
    }

    // Every answer on these routes depends on the Origin (an allowed one gets headers, another none), so a shared cache
    // must key on it even when the origin was refused and CORS itself adds nothing.
    private static Task VaryByOrigin(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Headers.Origin.Count > 0)
            http.Response.OnStarting(() =>
            {
                if (!http.Response.Headers.Vary.ToString().Contains("Origin", StringComparison.OrdinalIgnoreCase))
                    http.Response.Headers.Append("Vary", "Origin");
                return Task.CompletedTask;
            });
        return next(http);
    }

    private static List<string> AllowedOrigins(IConfiguration configuration)
    {
        var section = configuration.GetSection(AllowedOriginsKey);
        return new[] { section.Value }
            .Concat(section.GetChildren().Select(child => child.Value))
            .SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }
}
