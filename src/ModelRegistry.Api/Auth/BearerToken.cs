using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// Tells what a credential sent as <c>Authorization: Bearer …</c> is, by its shape alone: client libraries (Apollo, urql)
/// put every credential there, so an API key arrives as a bearer token as often as in <c>X-Api-Key</c>. Our keys start
/// with <c>mr_</c> and contain no dot; a JWT is dot-separated base64url (three parts signed, five encrypted). Any other
/// shape is an API key too, since the configured bootstrap key may look like anything. The shape only picks the
/// validator: the key is still verified, the token still validated.
/// </summary>
public static class BearerToken
{
    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null when the request sends none.</summary>
    public static string? Of(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = authorization[scheme.Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    /// <summary>True when <paramref name="token"/> is shaped like a JWT (JWS or JWE compact form) and not like one of our keys.</summary>
    public static bool IsJwt(string token)
        => ApiKeySecret.PrefixOf(token) is null && token.Count(c => c == '.') is 2 or 4 && !token.Any(char.IsWhiteSpace);

    /// <summary>The API key a request sends: its <c>X-Api-Key</c> header, else a bearer token that is not a JWT.</summary>
    public static string? ApiKeyOf(HttpRequest request)
    {
        if (request.Headers[ApiKeyAuthenticationHandler.Header].ToString().Trim() is { Length: > 0 } header)
            return header;
        if (Of(request.Headers.Authorization.ToString()) is { } token && !IsJwt(token))
            return token;
        // MLflow's client sends MLFLOW_TRACKING_USERNAME/PASSWORD as Basic auth (and prefers it when a token is set too):
        // on the MLflow facade the password is the API key and the user name is not read.
        return Mlflow.MlflowEndpoints.IsMlflowPath(request.Path) ? BasicPassword(request.Headers.Authorization.ToString()) : null;
    }

    /// <summary>The password of an <c>Authorization: Basic</c> header, or null when there is none or it is not well formed.</summary>
    public static string? BasicPassword(string? authorization)
    {
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon >= 0 && colon < decoded.Length - 1 ? decoded[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the request sends a JWT as its bearer token.</summary>
    public static bool SendsJwt(HttpRequest request)
        => Of(request.Headers.Authorization.ToString()) is { } token && IsJwt(token);
}
