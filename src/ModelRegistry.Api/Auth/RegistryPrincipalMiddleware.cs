using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
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

    /// <summary>The <c>extensions.code</c> of every 401.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";

    /// <summary>The <c>extensions.reason</c> of a 401 for a request without credentials.</summary>
    public const string MissingCredentials = "MISSING_CREDENTIALS";

    /// <summary>The <c>extensions.reason</c> of a 401 for a bearer token that failed validation, whatever the failure.</summary>
    public const string InvalidToken = "INVALID_TOKEN";

    /// <summary>The <c>extensions.reason</c> of a 401 for an unknown or revoked API key.</summary>
    public const string InvalidApiKey = "INVALID_API_KEY";

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext http, RequestPrincipal principal, AccessControl access, ReadVisibilityHolder visibility,
        RegistryAuthOptions options, AccessOptions accessOptions, FailedAuthenticationLimiter failures, ILogger<RegistryPrincipalMiddleware> logger)
    {
        var address = http.Connection.RemoteIpAddress;
        if (CarriesCredential(http) && failures.IsBlocked(address, out var retryAfter))
        {
            await RefuseTooManyFailuresAsync(http, retryAfter);
            return;
        }
        // MLflow's client sends whatever its environment holds: an empty password or token must not quietly become an
        // anonymous caller, so on the facade an Authorization header with no usable credential is refused.
        if (Mlflow.MlflowEndpoints.IsMlflowPath(http.Request.Path) && http.Request.Headers.Authorization.Count > 0
            && BearerToken.ApiKeyOf(http.Request) is null && !BearerToken.SendsJwt(http.Request))
        {
            failures.RecordFailure(address);
            await RefuseAsync(http, "The Authorization header carries no usable credential: send Bearer <API key> or Basic with the API key as password.", InvalidApiKey);
            return;
        }
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Failure is not null)
        {
            failures.RecordFailure(address);
            // The handler's reason (for a token, the validator's IDX… text naming the expected issuer and audience) is for
            // the operator's log; the caller learns only which credential was refused.
            var bearer = AuthServiceExtensions.SchemeFor(http, options) == JwtBearerDefaults.AuthenticationScheme;
            logger.LogInformation("Refused {Credential} for {Path}: {Reason}", bearer ? "a bearer token" : "an API key", http.Request.Path, result.Failure.Message);
            await (bearer
                ? RefuseAsync(http, "The bearer token is not valid.", InvalidToken, "Bearer error=\"invalid_token\", ApiKey header=\"X-Api-Key\"")
                : RefuseAsync(http, "The API key is unknown or revoked.", InvalidApiKey));
            return;
        }
        if (result.Succeeded)
            http.User = result.Principal!;
        principal.Principal = RegistryClaims.ToPrincipal(http.User, options);
        if (!principal.Principal.IsAuthenticated && !accessOptions.AnonymousCanRead && NeedsCredentials(http))
        {
            await RefuseAsync(http, "Send an API key (X-Api-Key) or a bearer token.", MissingCredentials);
            return;
        }
        await visibility.EstablishAsync(access, http.RequestAborted);
        await next(http);
    }

    // Open without credentials: the health and readiness probes, the IDE shell, the registry's pages (the page shell asks for a key and
    // sends it with every GraphQL request it makes), WebSocket upgrades (which authenticate in connection_init),
    // signed artifact downloads (the signature is the credential) and the jobs dashboard, whose sign-in page must open and
    // whose own filter refuses anyone but a global ADMIN.
    private static bool NeedsCredentials(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments(StartupExtensions.ReadinessPath) || IsWebSocketUpgrade(http) || Artifacts.ArtifactEndpoints.IsSignedDownload(http.Request)
            || path.StartsWithSegments(Jobs.JobServiceExtensions.DashboardPath))
            return false;
        if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && Pages.RegistryPages.IsPagePath(path))
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

    private static bool CarriesCredential(HttpContext http)
        => http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) || http.Request.Headers.ContainsKey("Authorization");

    private static Task RefuseTooManyFailuresAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var message = $"Too many refused credentials from this address; try again in {seconds} s.";
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var reason = FailedAuthenticationLimiter.Reason;
        if (Mlflow.MlflowEndpoints.IsMlflowPath(http.Request.Path))
            return Mlflow.MlflowEndpoints.WriteErrorAsync(http, new Mlflow.MlflowError(429, "REQUEST_LIMIT_EXCEEDED", message));
        if (http.Request.Path.StartsWithSegments("/artifacts"))
            return http.Response.WriteAsJsonAsync(new { error = new { code = HardeningExtensions.RateLimitedCode, message, reason } });
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code = HardeningExtensions.RateLimitedCode, reason } } } });
    }

    // Read from the headers: this middleware runs before the WebSocket middleware that would otherwise tell.
    private static bool IsWebSocketUpgrade(HttpContext http)
        => HttpMethods.IsGet(http.Request.Method)
           && http.Request.Headers.Upgrade.ToString().Equals("websocket", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext http, string message, string reason, string challenge = "Bearer, ApiKey header=\"X-Api-Key\"")
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = challenge;
        // The MLflow facade and the artifact byte endpoints speak their own error shapes, which their clients parse.
        if (Mlflow.MlflowEndpoints.IsMlflowPath(http.Request.Path))
            return Mlflow.MlflowEndpoints.WriteErrorAsync(http, new Mlflow.MlflowError(401, Unauthenticated, message));
        if (http.Request.Path.StartsWithSegments("/artifacts"))
            return http.Response.WriteAsJsonAsync(new { error = new { code = Unauthenticated, message, reason } });
        return http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code = Unauthenticated, reason } } } });
    }
}
