using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ModelRegistry.Api.Auth;

/// <summary>Authenticates an API key (<c>X-Api-Key</c>, or <c>Authorization: Bearer</c> with a key); none means "not this scheme", a wrong key fails.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The request header dedicated to the key.</summary>
    public const string Header = "X-Api-Key";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.ApiKeyOf(Request) is not { } presented)
            return AuthenticateResult.NoResult();
        var verified = await verifier.VerifyAsync(presented, Context.RequestAborted);
        return verified is { } key
            ? AuthenticateResult.Success(new AuthenticationTicket(RegistryClaims.ForApiKey(key.Principal, key.ImplicitAdmin), RegistryClaims.ApiKeyScheme))
            : AuthenticateResult.Fail("The API key is unknown or revoked.");
    }
}
