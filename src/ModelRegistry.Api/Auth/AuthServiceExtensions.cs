using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Auth;

/// <summary>Registers API-key and JWT bearer authentication behind one policy scheme.</summary>
public static class AuthServiceExtensions
{
    /// <summary>Adds the schemes; bearer tokens only when an authority or a signing key is configured.</summary>
    public static IServiceCollection AddRegistryAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Registry:Auth").Get<RegistryAuthOptions>() ?? new RegistryAuthOptions();
        options.BootstrapAdminKey = BootstrapAdminKey(options);
        services.AddSingleton(options);
        services.AddScoped<ApiKeyVerifier>();
        var authentication = services.AddAuthentication(RegistryPrincipalMiddleware.Scheme)
            .AddPolicyScheme(RegistryPrincipalMiddleware.Scheme, "API key, bearer token or dashboard cookie",
                o => o.ForwardDefaultSelector = http => SchemeFor(http, options))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(RegistryClaims.ApiKeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, DashboardCookieAuthenticationHandler>(DashboardCookieAuthenticationHandler.SchemeName, null);
        if (options.Jwt.Enabled)
            authentication.AddJwtBearer(jwt => Configure(jwt, options.Jwt));
        return services;
    }

    /// <summary>
    /// The scheme that judges a request: JWT validation when a JWT-shaped bearer token is sent and tokens are accepted;
    /// the dashboard's sign-in cookie on dashboard pages that send no API key; the API-key handler otherwise (it reads
    /// <c>X-Api-Key</c> or a bearer token shaped like a key, see <see cref="BearerToken"/>; neither means anonymous).
    /// </summary>
    public static string SchemeFor(HttpContext http, RegistryAuthOptions options)
    {
        if (options.Jwt.Enabled && BearerToken.SendsJwt(http.Request))
            return JwtBearerDefaults.AuthenticationScheme;
        if (BearerToken.ApiKeyOf(http.Request) is null && Jobs.DashboardSession.Carries(http.Request))
            return DashboardCookieAuthenticationHandler.SchemeName;
        return RegistryClaims.ApiKeyScheme;
    }

    // The key from Registry:Auth:BootstrapAdminKey, or read from Registry:Auth:BootstrapAdminKeyFile. A file that is named
    // but unreadable or empty stops start-up: silently starting without the key gives a registry nobody can use.
    private static string? BootstrapAdminKey(RegistryAuthOptions options)
    {
        const string fileSetting = "Registry:Auth:BootstrapAdminKeyFile";
        if (string.IsNullOrWhiteSpace(options.BootstrapAdminKeyFile))
            return options.BootstrapAdminKey;
        if (!string.IsNullOrEmpty(options.BootstrapAdminKey))
            throw new InvalidOperationException($"Set Registry:Auth:BootstrapAdminKey or {fileSetting}, not both.");
        string key;
        try
        {
            key = File.ReadAllText(options.BootstrapAdminKeyFile).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{fileSetting} names '{options.BootstrapAdminKeyFile}', which cannot be read: {e.Message}", e);
        }
        return key.Length > 0
            ? key
            : throw new InvalidOperationException($"{fileSetting} names '{options.BootstrapAdminKeyFile}', which holds no key.");
    }

    private static void Configure(JwtBearerOptions jwt, RegistryAuthOptions.JwtSettings settings)
    {
        jwt.MapInboundClaims = false;
        jwt.Authority = settings.Authority;
        jwt.Audience = settings.Audience;
        jwt.RequireHttpsMetadata = settings.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = settings.Audience is not null,
            ValidAudience = settings.Audience,
            ValidateIssuer = settings.Issuer is not null || settings.Authority is not null,
            ValidIssuer = settings.Issuer,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = settings.NameClaim,
            IssuerSigningKey = settings.SigningKey is { Length: > 0 } key ? new SymmetricSecurityKey(Convert.FromBase64String(key)) : null,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (PrincipalRefusal(context.Principal, settings.NameClaim) is { } refusal)
                    context.Fail(refusal);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// Why a validly signed token still names no usable principal: without a name every such caller would share one
    /// principal (and its grants and audit entries), and the bootstrap admin's name would put a person's actions under the
    /// shared key's in the audit trail. Refused as invalid tokens; the reason is logged, not sent.
    /// </summary>
    public static string? PrincipalRefusal(ClaimsPrincipal? user, string nameClaim)
    {
        var name = user?.FindFirst(nameClaim)?.Value;
        if (string.IsNullOrWhiteSpace(name))
            return $"The token has no '{nameClaim}' claim naming its principal.";
        return string.Equals(name.Trim(), AccessOptions.BootstrapAdmin, StringComparison.OrdinalIgnoreCase)
            ? $"The token names the reserved principal '{AccessOptions.BootstrapAdmin}'."
            : null;
    }
}
