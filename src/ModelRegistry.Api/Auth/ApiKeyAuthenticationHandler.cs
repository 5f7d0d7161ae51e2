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

    // Where the verified key waits for the GraphQL user context, so a socket or an event stream that must remember which
    // key opened it does not verify the same key a second time.
    private static readonly object VerifiedKeyItem = new();

    /// <summary>The API key this request was authenticated with, or null when it carried none (or another credential).</summary>
    public static VerifiedApiKey? VerifiedKeyOf(HttpContext http)
        => http.Items.TryGetValue(VerifiedKeyItem, out var value) ? value as VerifiedApiKey : null;

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.ApiKeyOf(Request) is not { } presented)
            return AuthenticateResult.NoResult();
        var verified = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (verified is not null)
            Context.Items[VerifiedKeyItem] = verified;
        return verified is { } key
            ? AuthenticateResult.Success(new AuthenticationTicket(RegistryClaims.ForApiKey(key.Principal, key.ImplicitAdmin), RegistryClaims.ApiKeyScheme))
            : AuthenticateResult.Fail("The API key is unknown or revoked.");
    }
}
