using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Gives every spelling of the GraphQL endpoint's path one form before anything judges it. The transports, the request
/// guard (body limit, cross-site GETs) and the rate limiter each decide by path; if one of them accepted
/// <c>/graphql/</c> while another compared with <c>/graphql</c> exactly, a request could reach the executor past a
/// limit. So a trailing slash, another case or doubled slashes are rewritten to <see cref="GraphQLEndpointOptions.Path"/>
/// here, once, and the rest of the pipeline sees a single path.
/// </summary>
public sealed class GraphQLPathCanonicalisation(RequestDelegate next, IOptions<GraphQLEndpointOptions> options)
{
    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = options.Value.Path;
        var path = context.Request.Path.Value;
        if (path is not null && !string.Equals(path, endpoint, StringComparison.Ordinal)
            && string.Equals(Canonical(path), endpoint, StringComparison.OrdinalIgnoreCase) && !IsIdePage(context, path))
            context.Request.Path = endpoint;
        return next(context);
    }

    /// <summary><paramref name="path"/> with runs of slashes collapsed and no trailing slash.</summary>
    public static string Canonical(string path)
    {
        var collapsed = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && collapsed.Length > 0 && collapsed[^1] == '/')
                continue;
            collapsed.Append(c);
        }
        var text = collapsed.ToString();
        return text.Length > 1 ? text.TrimEnd('/') : text;
    }

    // The IDE lives at "<path>/": a browser's GET there without an operation asks for the page, not for GraphQL. Such a
    // request runs nothing, so leaving its path alone lets no operation past a limit.
    private static bool IsIdePage(HttpContext context, string path)
    {
        var request = context.Request;
        return path.EndsWith('/')
               && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
               && !request.Query.ContainsKey("query")
               && !context.WebSockets.IsWebSocketRequest
               && GraphQLMediaTypes.EventStream(request) != EventStreamPreference.Preferred;
    }
}

/// <summary>Adds <see cref="GraphQLPathCanonicalisation"/>.</summary>
public static class GraphQLPathCanonicalisationExtensions
{
    /// <summary>Rewrites every spelling of the endpoint path to its one form; add it before anything that judges the path.</summary>
    public static IApplicationBuilder UseGraphQLPathCanonicalisation(this IApplicationBuilder app)
        => app.UseMiddleware<GraphQLPathCanonicalisation>();
}
