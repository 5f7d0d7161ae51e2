using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ModelRegistry.Api.Jobs;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// Authenticates dashboard pages by the sign-in cookie, as the key it was exchanged for. A cookie that no longer holds
/// (expired, tampered with, or its key revoked or replaced) counts as no credentials, so a browser is sent to sign in again.
/// </summary>
public sealed class DashboardCookieAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    DashboardSession session, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "DashboardCookie";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (session.Read(Request) is not { } key || !await verifier.IsStillInForceAsync(key, Context.RequestAborted))
            return AuthenticateResult.NoResult();
        return AuthenticateResult.Success(new AuthenticationTicket(RegistryClaims.ForApiKey(key.Principal, key.ImplicitAdmin), SchemeName));
    }
}
