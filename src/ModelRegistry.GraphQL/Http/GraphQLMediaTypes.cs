using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ModelRegistry.GraphQL.Http;

/// <summary>Media types of the GraphQL-over-HTTP spec and the content negotiation over them.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The spec's response type: status codes tell request errors apart.</summary>
    public const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>The legacy response type: well-formed requests always answer 200.</summary>
    public const string Json = "application/json";

    /// <summary>The printed schema (SDL).</summary>
    public const string GraphQL = "application/graphql";

    /// <summary>Picks the response media type from the Accept header, or null when none of ours is acceptable.</summary>
    /// <remarks>A missing Accept, <c>*/*</c> and <c>application/*</c> get <c>application/json</c>, which every client reads.</remarks>
    public static string? Negotiate(HttpRequest request)
    {
        var ranked = Rank(request);
        if (ranked is null)
            return Json;
        foreach (var (mediaType, _) in ranked)
        {
            if (mediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
                return GraphQLResponseJson;
            if (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
                return Json;
        }
        return null;
    }

    /// <summary>True when the client ranks <paramref name="mediaType"/> above every JSON response type (e.g. a browser wanting HTML).</summary>
    public static bool Prefers(HttpRequest request, string mediaType)
    {
        var ranked = Rank(request);
        return ranked is { Count: > 0 } && ranked[0].MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the client lists <paramref name="mediaType"/> explicitly with a non-zero quality.</summary>
    public static bool Lists(HttpRequest request, string mediaType)
        => Rank(request)?.Any(r => r.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)) == true;

    // Accepted types by descending quality; ties keep header order, which is how clients express preference.
    private static List<(string MediaType, double Quality)>? Rank(HttpRequest request)
    {
        var header = request.Headers.Accept;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
            return null;
        if (!MediaTypeHeaderValue.TryParseList(header, out var parsed))
            return [];
        return parsed
            .Select((value, index) => (MediaType: value.MediaType.Value ?? "", Quality: value.Quality ?? 1.0, Index: index))
            .Where(v => v.Quality > 0)
            .OrderByDescending(v => v.Quality)
            .ThenBy(v => v.Index)
            .Select(v => (v.MediaType, v.Quality))
            .ToList();
    }
}
