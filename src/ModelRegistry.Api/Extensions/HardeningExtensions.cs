using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ModelRegistry.Api.Auth;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.Api.Extensions;

/// <summary>The host's reading of <c>Registry:Limits:*</c>; every value falls back to the toolkit's default.</summary>
public sealed record HardeningSettings(int RequestsPerMinute, int MaxBatchSize)
{
    /// <summary>Requests per minute and principal when the configuration says nothing.</summary>
    public const int DefaultRequestsPerMinute = 600;

    /// <summary>Operations in one batched HTTP request when the configuration says nothing.</summary>
    public const int DefaultMaxBatchSize = 10;
}

/// <summary>GraphQL hardening (OWASP GraphQL cheat sheet): query limits, body size, timeout, CSRF and per-principal rate limits.</summary>
public static class HardeningExtensions
{
    /// <summary>The <c>extensions.code</c> of a request refused by the rate limiter (HTTP 429).</summary>
    public const string RateLimitedCode = "RATE_LIMITED";

    /// <summary>The API key header; like any non-safelisted header it forces a CORS preflight.</summary>
    private const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Reads <c>Registry:Limits:*</c> and registers the toolkit's limits and the rate limiter.</summary>
    public static HardeningSettings AddRegistryHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Registry:Limits");
        var settings = new HardeningSettings(
            section.GetValue("RequestsPerMinute", HardeningSettings.DefaultRequestsPerMinute),
            section.GetValue("MaxBatchSize", HardeningSettings.DefaultMaxBatchSize));
        services.AddSingleton(settings);
        services.AddSingleton(new FailedAuthenticationLimiter(
            section.GetValue("FailedAuthenticationsPerMinute", FailedAuthenticationLimiter.DefaultFailuresPerMinute), TimeProvider.System));
        services.Configure<GraphQLEndpointOptions>(o => o.MaxBatchSize = settings.MaxBatchSize);
        services.AddGraphQLLimits(limits =>
        {
            limits.MaxDepth = section.GetValue("MaxDepth", limits.MaxDepth);
            limits.MaxComplexity = section.GetValue("MaxComplexity", limits.MaxComplexity);
            limits.MaxAliases = section.GetValue("MaxAliases", limits.MaxAliases);
            limits.MaxRootFields = section.GetValue("MaxRootFields", limits.MaxRootFields);
            limits.MaxTokens = section.GetValue("MaxTokens", limits.MaxTokens);
            limits.MaxDirectivesPerLocation = section.GetValue("MaxDirectivesPerLocation", limits.MaxDirectivesPerLocation);
            limits.MaxSelectionsPerSet = section.GetValue("MaxSelectionsPerSet", limits.MaxSelectionsPerSet);
            limits.MaxArguments = section.GetValue("MaxArguments", limits.MaxArguments);
            limits.MaxFragments = section.GetValue("MaxFragments", limits.MaxFragments);
            limits.MaxFragmentSpreads = section.GetValue("MaxFragmentSpreads", limits.MaxFragmentSpreads);
            limits.MaxExpandedFields = section.GetValue("MaxExpandedFields", limits.MaxExpandedFields);
            limits.Introspection = section.GetValue("Introspection", limits.Introspection);
            limits.MaxRequestBodySize = section.GetValue("MaxRequestBodySize", limits.MaxRequestBodySize);
            limits.ExecutionTimeout = TimeSpan.FromSeconds(section.GetValue("ExecutionTimeoutSeconds", limits.ExecutionTimeout.TotalSeconds));
            limits.RequirePreflightForCookieGets = section.GetValue("RequirePreflightForCookieGets", limits.RequirePreflightForCookieGets);
            limits.PreflightHeaders.Add(ApiKeyHeader);
        });
        if (settings.RequestsPerMinute > 0)
            services.AddRateLimiter(o => ConfigureRateLimiter(o, settings.RequestsPerMinute));
        return settings;
    }

    /// <summary>Adds the rate limiter and the request guard; call after authentication so requests are counted per principal.</summary>
    public static WebApplication UseRegistryHardening(this WebApplication app)
    {
        if (app.Services.GetRequiredService<HardeningSettings>().RequestsPerMinute > 0)
            app.UseRateLimiter();
        app.UseGraphQLRequestGuard();
        return app;
    }

    private static void ConfigureRateLimiter(RateLimiterOptions options, int requestsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = WriteRateLimitedAsync;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            var path = http.RequestServices.GetRequiredService<IOptions<GraphQLEndpointOptions>>().Value.Path;
            // GraphQL and the MLflow facade share one budget per principal.
            if (!http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) && !Mlflow.MlflowEndpoints.IsMlflowPath(http.Request.Path))
                return RateLimitPartition.GetNoLimiter(string.Empty);
            return RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = requestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    // Authenticated callers share one budget wherever they connect from; anonymous callers are told apart by address.
    private static string PartitionKey(HttpContext http)
    {
        var principal = http.RequestServices.GetRequiredService<RequestPrincipal>().Principal;
        return principal.IsAuthenticated
            ? "principal:" + principal.Name
            : "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private static async ValueTask WriteRateLimitedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (Mlflow.MlflowEndpoints.IsMlflowPath(context.HttpContext.Request.Path))
        {
            // MLflow's client backs off and retries a 429 by itself.
            await Mlflow.MlflowEndpoints.WriteErrorAsync(context.HttpContext,
                new Mlflow.MlflowError(429, "REQUEST_LIMIT_EXCEEDED", $"Too many requests; try again in {seconds} s."));
            return;
        }
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsJsonAsync(new
        {
            errors = new[]
            {
                new
                {
                    message = $"Too many requests; try again in {seconds} s.",
                    extensions = new { code = RateLimitedCode },
                },
            },
        }, cancellationToken);
    }
}
