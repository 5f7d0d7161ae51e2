using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using ModelRegistry.GraphQL.Http;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>Why a request was refused before its stream opened.</summary>
internal sealed record SseProblem(int Status, string Code, string Message);

/// <summary>A parsed request, or the problem that prevented parsing.</summary>
internal readonly record struct SseRequest(GraphQLRequest? Request, SseProblem? Problem);

/// <summary>
/// Reads the GraphQL request of an event-stream POST (JSON body) or GET (query string) with the HTTP transport's reader,
/// so both transports accept the same media types and refuse the same malformed bodies with the same codes and words.
/// </summary>
internal static class SseRequestReader
{
    public static async Task<SseRequest> ReadAsync(HttpContext context, IGraphQLSerializer serializer)
    {
        var reader = new GraphQLHttpRequestReader(serializer);
        var read = HttpMethods.IsGet(context.Request.Method)
            ? reader.ReadGet(context.Request)
            : await reader.ReadPostAsync(context.Request, maxBatchSize: int.MaxValue, context.RequestAborted);
        if (read.Refusal is { } refusal)
            return new SseRequest(null, new SseProblem(refusal.StatusCode, refusal.Code, refusal.Message));
        if (read.IsBatch)
            return new SseRequest(null, new SseProblem(StatusCodes.Status400BadRequest, "BAD_REQUEST",
                "An event stream carries one operation; send a JSON object, not an array."));
        return new SseRequest(read.Requests[0], null);
    }
}
