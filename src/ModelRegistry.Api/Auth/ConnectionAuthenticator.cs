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
/// (<c>X-Api-Key</c>, <c>apiKey</c> or <c>Authorization: Bearer …</c>), since browsers cannot set headers on sockets.
/// </summary>
public static class ConnectionAuthenticator
{
    /// <summary>The user-context key holding the read visibility, re-applied to every scope the request uses.</summary>
    public const string VisibilityKey = "registry.visibility";

    /// <summary>The user context factory for <see cref="GraphQLEndpointOptions.UserContextFactory"/>.</summary>
    public static async ValueTask<GraphQLUserContext> CreateAsync(HttpContext http, IReadOnlyDictionary<string, object?>? payload)
    {
        var services = http.RequestServices;
        var principal = services.GetRequiredService<RequestPrincipal>();
        var visibility = services.GetRequiredService<ReadVisibilityHolder>();
        var options = services.GetRequiredService<RegistryAuthOptions>();
        var user = http.User;
        if (payload is not null)
        {
            if (await FromPayloadAsync(services, payload, options, http.RequestAborted) is { } authenticated)
            {
                user = authenticated;
                principal.Principal = RegistryClaims.ToPrincipal(user, options);
            }
            if (!principal.Principal.IsAuthenticated && !services.GetRequiredService<AccessOptions>().AnonymousCanRead)
                throw new ConnectionRejectedException("Send an API key (X-Api-Key) or a bearer token in the connection_init payload.");
            await visibility.EstablishAsync(services.GetRequiredService<AccessControl>(), http.RequestAborted);
        }
        return new GraphQLUserContext { User = user, [VisibilityKey] = visibility.Current };
    }

    /// <summary>
    /// Readies a scope the toolkit opens for a request (a shared subscription's execution, each subscription event):
    /// the scope reads with the request's visibility, so resolvers need do nothing but use the DbContext.
    /// </summary>
    public static void PrepareScope(IServiceProvider services, GraphQLUserContext context)
    {
        if (context.TryGetValue(VisibilityKey, out var value) && value is ReadVisibility visibility)
            services.GetRequiredService<ReadVisibilityHolder>().Adopt(visibility);
    }

    /// <summary>
    /// The sharing partition of a subscriber: its read visibility. Event selections resolve through the database's read
    /// filters only (no field below Subscription depends on who asks beyond what they may read), so subscribers with
    /// equal visibility receive equal results.
    /// </summary>
    public static string? VisibilityPartition(GraphQLUserContext context)
    {
        if (!context.TryGetValue(VisibilityKey, out var value) || value is not ReadVisibility visibility)
            return null;
        var administers = visibility.Administers ? "admin;" : string.Empty;
        if (visibility.All)
            return administers + "all";
        return $"{administers}owners:{string.Join(',', visibility.Owners.Order(StringComparer.Ordinal))};models:{string.Join(',', visibility.ModelNames.Order(StringComparer.Ordinal))}";
    }

    private static async Task<ClaimsPrincipal?> FromPayloadAsync(
        IServiceProvider services, IReadOnlyDictionary<string, object?> payload, RegistryAuthOptions options, CancellationToken cancellationToken)
    {
        var key = Text(payload, ApiKeyAuthenticationHandler.Header) ?? Text(payload, "x-api-key") ?? Text(payload, "apiKey");
        if (key is not null)
        {
            var verified = await services.GetRequiredService<ApiKeyVerifier>().VerifyAsync(key, cancellationToken)
                ?? throw new ConnectionRejectedException("The API key is unknown or revoked.");
            return RegistryClaims.ForApiKey(verified.Principal, verified.ImplicitAdmin);
        }
        var authorization = Text(payload, "Authorization") ?? Text(payload, "authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !options.Jwt.Enabled)
            return null;
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
            var result = await handler.ValidateTokenAsync(authorization[7..].Trim(), parameters);
            if (result.IsValid)
                return new ClaimsPrincipal(result.ClaimsIdentity);
        }
        throw new ConnectionRejectedException("The bearer token is not valid.");
    }

    private static string? Text(IReadOnlyDictionary<string, object?> payload, string name)
        => payload.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text ? text : null;
}
