using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Media types of the GraphQL-over-HTTP spec and the one place that negotiates over them: the HTTP transport, the SSE
/// transport and the path canonicalisation all ask here, so they cannot disagree on which transport answers.
/// </summary>
public static class GraphQLMediaTypes
{
    /// <summary>The spec's response type: status codes tell request errors apart.</summary>
    public const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>The legacy response type: well-formed requests always answer 200.</summary>
    public const string Json = "application/json";

    /// <summary>The printed schema (SDL).</summary>
    public const string GraphQL = "application/graphql";

    /// <summary>GraphQL over Server-Sent Events.</summary>
    public const string EventStreamMediaType = "text/event-stream";

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
            if (IsJson(mediaType))
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

    /// <summary>
    /// How the client ranks an event stream against JSON, by q-value as RFC 9110 says. Only an explicit
    /// <c>text/event-stream</c> with a non-zero quality counts; a JSON type (or a wildcard that covers one) of at least the
    /// same quality keeps queries and mutations on JSON, which is what clients mean when they list every type they can read
    /// (urql's default <c>Accept</c>).
    /// </summary>
    public static EventStreamPreference EventStream(HttpRequest request)
    {
        var ranked = Rank(request);
        if (ranked is null)
            return EventStreamPreference.NotAccepted;
        var stream = ranked.FirstOrDefault(r => r.MediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase));
        if (stream.MediaType is null)
            return EventStreamPreference.NotAccepted;
        var json = ranked.Where(r => IsJson(r.MediaType)).Select(r => r.Quality).DefaultIfEmpty(0).Max();
        return stream.Quality > json ? EventStreamPreference.Preferred : EventStreamPreference.Accepted;
    }

    private static bool IsJson(string mediaType)
        => mediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)
           || mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
           || mediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
           || mediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase);

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

/// <summary>How a request's <c>Accept</c> ranks an event stream (see <see cref="GraphQLMediaTypes.EventStream"/>).</summary>
public enum EventStreamPreference
{
    /// <summary>Not listed, or listed with <c>q=0</c>: answer JSON.</summary>
    NotAccepted,

    /// <summary>Listed, but a JSON type ranks at least as high: a subscription streams, a query or mutation answers JSON.</summary>
    Accepted,

    /// <summary>Ranked above every JSON type (or the only type listed): every operation streams.</summary>
    Preferred,
}
