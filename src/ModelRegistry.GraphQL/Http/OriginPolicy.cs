using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Http;

/// <summary>The web origins, besides the API's own, whose pages may call the API from a browser.</summary>
public sealed class OriginOptions
{
    /// <summary>Origins (<c>scheme://host[:port]</c>) allowed to call cross-origin; empty means same-origin pages only.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

/// <summary>
/// The one judge of a request's <c>Origin</c>: CORS asks it which origins to answer, and the WebSocket and event-stream
/// handshakes ask it whether to serve at all. Those two cannot lean on CORS, because a browser opens a socket or an
/// EventSource from any page without a preflight and with the user's credentials, so the server must refuse a foreign page
/// itself (cross-site WebSocket hijacking).
/// </summary>
public sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    /// <summary>Reads the allowed origins; a malformed entry or a wildcard stops start-up rather than opening the API.</summary>
    public OriginPolicy(IOptions<OriginOptions> options)
    {
        _allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in options.Value.AllowedOrigins.Where(e => !string.IsNullOrWhiteSpace(e)))
            _allowed.Add(Normalise(entry.Trim()) ?? throw new InvalidOperationException(
                $"'{entry}' is not a web origin; list origins as scheme://host[:port], for example https://app.example.com (no wildcard, no path)."));
    }

    /// <summary>The host's policy, or same-origin pages only where the host registered none.</summary>
    public static OriginPolicy For(IServiceProvider services)
        => services.GetService(typeof(OriginPolicy)) as OriginPolicy ?? SameOriginOnly;

    private static OriginPolicy SameOriginOnly { get; } = new(Options.Create(new OriginOptions()));

    /// <summary>The allowed origins in their normal form.</summary>
    public IReadOnlyCollection<string> AllowedOrigins => _allowed;

    /// <summary>True when <paramref name="origin"/> (an <c>Origin</c> header value) is on the list.</summary>
    public bool IsListed(string? origin)
        => origin is not null && Normalise(origin) is { } normal && _allowed.Contains(normal);

    /// <summary>
    /// True when the request may be served: it carries no <c>Origin</c> (not a browser page: curl, SDKs, servers), comes
    /// from a page of the API's own origin, or from a listed origin.
    /// </summary>
    public bool Admits(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return true;
        return IsSameOrigin(origin, request) || IsListed(origin);
    }

    /// <summary>Answers 403 <c>ORIGIN_NOT_ALLOWED</c> as JSON; for handshakes <see cref="Admits"/> refused.</summary>
    public static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "application/json; charset=utf-8";
        var message = $"Pages from '{context.Request.Headers.Origin}' may not call this API; the operator lists allowed origins in Registry:Cors:AllowedOrigins.";
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            errors = new[] { new { message, extensions = new { code = ErrorCodes.OriginNotAllowed } } },
        });
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    // Same origin means the page was served by this host under the name the browser used for it. The scheme is left out
    // because a TLS-terminating proxy makes the API see http for an https page; host and port still pin the site.
    private static bool IsSameOrigin(string origin, HttpRequest request)
        => Uri.TryCreate(origin, UriKind.Absolute, out var uri)
           && request.Host.HasValue
           && string.Equals(Authority(uri), request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static string Authority(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

    // scheme://host[:port] in lower case without a default port, so "HTTP://App.example.com:443/" matches its plain form.
    private static string? Normalise(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 || origin.Contains('*'))
            return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
