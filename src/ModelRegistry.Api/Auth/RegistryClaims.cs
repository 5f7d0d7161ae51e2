using System.Security.Claims;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Auth;

/// <summary>Turns authenticated claims into the registry's principal, and back for API keys.</summary>
public static class RegistryClaims
{
    /// <summary>The authentication type of API-key identities.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The authentication type of bearer-token identities.</summary>
    public const string BearerScheme = "Bearer";

    private const string ImplicitAdminClaim = "registry:implicit-admin";

    /// <summary>A claims principal for an API key's owner (or the bootstrap admin).</summary>
    public static ClaimsPrincipal ForApiKey(string principal, bool implicitAdmin)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, principal) };
        if (implicitAdmin)
            claims.Add(new Claim(ImplicitAdminClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The registry principal of a request's user: anonymous, a service (API key) or a user (JWT).</summary>
    public static RegistryPrincipal ToPrincipal(ClaimsPrincipal user, RegistryAuthOptions options)
    {
        var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated);
        if (identity is null)
            return RegistryPrincipal.Anonymous;
        if (identity.AuthenticationType == ApiKeyScheme)
        {
            return new RegistryPrincipal(identity.Name ?? "unknown", PrincipalKind.Service, [], true)
            {
                // Only the API-key handler issues this claim, and only for the configured bootstrap key.
                ImplicitAdmin = identity.HasClaim(ImplicitAdminClaim, "true"),
            };
        }
        var name = identity.FindFirst(options.Jwt.NameClaim)?.Value ?? identity.Name ?? "unknown";
        var groups = identity.FindAll(options.Jwt.GroupsClaim).Select(c => c.Value).Distinct().ToList();
        return new RegistryPrincipal(name, PrincipalKind.User, groups, true);
    }
}
