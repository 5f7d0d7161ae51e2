using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.WebSockets;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// Builds the GraphQL user context of a request. On a WebSocket it also authenticates the connection_init payload
/// (<c>X-Api-Key</c>, <c>apiKey</c> or <c>Authorization: Bearer …</c> with a key or a JWT, told apart as over HTTP by
/// <see cref="BearerToken"/>), since browsers cannot set headers on sockets,
/// and re-judges the socket's credential and grants for each of its operations (see <see cref="RenewAsync"/>).
/// </summary>
public static class ConnectionAuthenticator
{
    /// <summary>The user-context key holding the read visibility, re-applied to every scope the request uses.</summary>
    public const string VisibilityKey = "registry.visibility";

    /// <summary>The user-context key holding the registry principal, acting in every scope the request uses.</summary>
    public const string PrincipalKey = "registry.principal";

    /// <summary>The user-context key holding the API key a socket signed in with, checked again for each operation.</summary>
    public const string ApiKeyKey = "registry.api-key";

    /// <summary>The user context factory for <see cref="GraphQLEndpointOptions.UserContextFactory"/>.</summary>
    public static async ValueTask<GraphQLUserContext> CreateAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload)
    {
        var services = http.RequestServices;
        var principal = services.GetRequiredService<RequestPrincipal>();
        var visibility = services.GetRequiredService<ReadVisibilityHolder>();
        var options = services.GetRequiredService<RegistryAuthOptions>();
        var user = http.User;
        VerifiedApiKey? apiKey = null;
        if (payload is not null)
        {
            var failures = services.GetRequiredService<FailedAuthenticationLimiter>();
            var address = http.Connection.RemoteIpAddress;
            if (failures.IsBlocked(address, out var retryAfter))
            {
                throw new ConnectionRejectedException(
                    $"Too many refused credentials from this address; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.");
            }
            ClaimsPrincipal? authenticated;
            try
            {
                (authenticated, apiKey) = await FromPayloadAsync(services, payload, options, http.RequestAborted);
            }
            catch (ConnectionRejectedException)
            {
                failures.RecordFailure(address);
                throw;
            }
            if (authenticated is not null)
            {
                user = authenticated;
                principal.Principal = RegistryClaims.ToPrincipal(user, options);
            }
            else
                apiKey = await FromUpgradeHeaderAsync(http, http.RequestAborted);
            if (!principal.Principal.IsAuthenticated && !services.GetRequiredService<AccessOptions>().AnonymousCanRead)
                throw new ConnectionRejectedException("Send an API key (X-Api-Key) or a bearer token in the connection_init payload.");
            await visibility.EstablishAsync(services.GetRequiredService<AccessControl>(), http.RequestAborted);
        }
        else
        {
            // An event stream outlives the request's authentication like a socket does: remember which key opened it, so
            // revoking that key ends the stream (RevocationAwareEventBus). The authentication handler already verified it.
            apiKey = ApiKeyAuthenticationHandler.VerifiedKeyOf(http);
        }
        return new GraphQLUserContext
        {
            User = user,
            ValidUntil = ExpiryOf(user),
            [VisibilityKey] = visibility.Current,
            [PrincipalKey] = principal.Principal,
            [ApiKeyKey] = apiKey,
        };
    }

    /// <summary>
    /// Readies a scope the toolkit opens for a request (a socket's operation, a shared subscription's execution, each
    /// subscription event): the scope acts as the request's principal and reads with its visibility, so resolvers need
    /// do nothing but use the DbContext.
    /// </summary>
    public static void PrepareScope(IServiceProvider services, GraphQLUserContext context)
    {
        if (context.TryGetValue(PrincipalKey, out var principal) && principal is RegistryPrincipal acting)
            services.GetRequiredService<RequestPrincipal>().Principal = acting;
        if (context.TryGetValue(VisibilityKey, out var value) && value is ReadVisibility visibility)
            services.GetRequiredService<ReadVisibilityHolder>().Adopt(visibility);
    }

    /// <summary>
    /// Re-judges a socket in the scope of one of its operations (see <see cref="GraphQLEndpointOptions.RenewUserContext"/>):
    /// a revoked API key or an expired token refuses the connection (close 4403); otherwise the operation reads with the
    /// visibility its principal's grants give now, and the socket's subscriptions end when that reads less than before.
    /// </summary>
    public static async ValueTask<RenewedUserContext> RenewAsync(IServiceProvider services, GraphQLUserContext context, CancellationToken cancellationToken)
    {
        if (context.ValidUntil is { } validUntil && validUntil <= DateTimeOffset.UtcNow)
            throw new ConnectionRejectedException("The credential expired.");
        if (context.TryGetValue(ApiKeyKey, out var value) && value is VerifiedApiKey apiKey
            && !await services.GetRequiredService<ApiKeyVerifier>().IsStillInForceAsync(apiKey, cancellationToken))
            throw new ConnectionRejectedException("The API key was revoked.");
        var previous = VisibilityOf(context);
        var current = await services.GetRequiredService<ReadVisibilityHolder>()
            .EstablishAsync(services.GetRequiredService<AccessControl>(), cancellationToken);
        if (Describe(current) == Describe(previous))
            return new RenewedUserContext(context, false);
        var renewed = new GraphQLUserContext { User = context.User, ValidUntil = context.ValidUntil };
        foreach (var (key, entry) in context)
            renewed[key] = entry;
        renewed[VisibilityKey] = current;
        return new RenewedUserContext(renewed, !current.Includes(previous));
    }

    /// <summary>
    /// The sharing partition of a subscriber: its read visibility. Event selections resolve through the database's read
    /// filters only (no field below Subscription depends on who asks beyond what they may read), so subscribers with
    /// equal visibility receive equal results.
    /// </summary>
    public static string? VisibilityPartition(GraphQLUserContext context)
        => context.TryGetValue(VisibilityKey, out var value) && value is ReadVisibility visibility ? Describe(visibility) : null;

    private static ReadVisibility VisibilityOf(GraphQLUserContext context)
        => context.TryGetValue(VisibilityKey, out var value) && value is ReadVisibility visibility ? visibility : ReadVisibility.None;

    private static string Describe(ReadVisibility visibility)
    {
        var administers = visibility.Administers ? "admin;" : string.Empty;
        if (visibility.All)
            return administers + "all";
        return $"{administers}owners:{string.Join(',', visibility.Owners.Order(StringComparer.Ordinal))};models:{string.Join(',', visibility.ModelNames.Order(StringComparer.Ordinal))}";
    }

    // A bearer token's own expiry ("exp", seconds since the epoch); API keys do not expire, they are revoked.
    private static DateTimeOffset? ExpiryOf(ClaimsPrincipal user)
        => user.Identities.FirstOrDefault(i => i.IsAuthenticated)?.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    // A client that can set headers may sign a socket in on the upgrade request instead; the middleware verified the key
    // and left it for us, and only a request it did not authenticate has the key verified here.
    private static async Task<VerifiedApiKey?> FromUpgradeHeaderAsync(HttpContext http, CancellationToken cancellationToken)
        => ApiKeyAuthenticationHandler.VerifiedKeyOf(http)
           ?? (BearerToken.ApiKeyOf(http.Request) is { } key
               ? await http.RequestServices.GetRequiredService<ApiKeyVerifier>().VerifyAsync(key, cancellationToken)
               : null);

    private static async Task<(ClaimsPrincipal? User, VerifiedApiKey? ApiKey)> FromPayloadAsync(
        IServiceProvider services, IReadOnlyDictionary<string, object?> payload, RegistryAuthOptions options, CancellationToken cancellationToken)
    {
        var bearer = BearerToken.Of(Text(payload, "Authorization") ?? Text(payload, "authorization"));
        var key = Text(payload, ApiKeyAuthenticationHandler.Header) ?? Text(payload, "x-api-key") ?? Text(payload, "apiKey")
                  ?? (bearer is not null && !BearerToken.IsJwt(bearer) ? bearer : null);
        if (key is not null)
        {
            var verified = await services.GetRequiredService<ApiKeyVerifier>().VerifyAsync(key, cancellationToken)
                ?? throw new ConnectionRejectedException("The API key is unknown or revoked.");
            return (RegistryClaims.ForApiKey(verified.Principal, verified.ImplicitAdmin), verified);
        }
        if (bearer is null || !options.Jwt.Enabled)
            return (null, null);
        var jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = jwt.TokenValidationParameters.Clone();
        if (jwt.ConfigurationManager is not null)
        {
            var configuration = await jwt.ConfigurationManager.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = configuration.SigningKeys;
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
        }
        foreach (var handler in jwt.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(bearer, parameters);
            if (result.IsValid)
                return (new ClaimsPrincipal(result.ClaimsIdentity), null);
        }
        throw new ConnectionRejectedException("The bearer token is not valid.");
    }

    private static string? Text(IReadOnlyDictionary<string, object?> payload, string name)
        => payload.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;
}
