using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ModelRegistry.Api.Auth;

/// <summary>Registers API-key and JWT bearer authentication behind one policy scheme.</summary>
public static class AuthServiceExtensions
{
    /// <summary>Adds the schemes; bearer tokens only when an authority or a signing key is configured.</summary>
    public static IServiceCollection AddRegistryAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Registry:Auth").Get<RegistryAuthOptions>() ?? new RegistryAuthOptions();
        services.AddSingleton(options);
        services.AddScoped<ApiKeyVerifier>();
        var authentication = services.AddAuthentication(RegistryPrincipalMiddleware.Scheme)
            .AddPolicyScheme(RegistryPrincipalMiddleware.Scheme, "API key or bearer token", o => o.ForwardDefaultSelector = http =>
                options.Jwt.Enabled && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : RegistryClaims.ApiKeyScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(RegistryClaims.ApiKeyScheme, null);
        if (options.Jwt.Enabled)
            authentication.AddJwtBearer(jwt => Configure(jwt, options.Jwt));
        return services;
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
    }
}
