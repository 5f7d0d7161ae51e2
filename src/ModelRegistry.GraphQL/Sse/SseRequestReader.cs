using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>Why a request was refused before its stream opened.</summary>
internal sealed record SseProblem(int Status, string Code, string Message);

/// <summary>A parsed request, or the problem that prevented parsing.</summary>
internal readonly record struct SseRequest(GraphQLRequest? Request, SseProblem? Problem);

/// <summary>Reads the GraphQL request of an event-stream POST (JSON body) or GET (query string).</summary>
internal static class SseRequestReader
{
    public static async Task<SseRequest> ReadAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        try
        {
            var request = HttpMethods.IsGet(context.Request.Method)
                ? FromQueryString(context.Request.Query, serializer)
                : await FromBodyAsync(context, serializer);
            if (request is null)
                return Invalid("The request body is not a GraphQL request.");
            return request is { Query: null, DocumentId: null }
                ? Invalid("The request has no query.")
                : new SseRequest(request, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return Invalid("The request is not valid JSON.");
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return new SseRequest(null, new SseProblem(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", ex.Message));
        }
    }

    private static SseRequest Invalid(string message)
        => new(null, new SseProblem(StatusCodes.Status400BadRequest, "BAD_REQUEST", message));

    private static async Task<GraphQLRequest?> FromBodyAsync(HttpContext context, IGraphQLTextSerializer serializer)
    {
        if (context.Request.GetTypedHeaders().ContentType is not { } type
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException();
        return await serializer.ReadAsync<GraphQLRequest>(context.Request.Body, context.RequestAborted);
    }

    private static GraphQLRequest FromQueryString(IQueryCollection query, IGraphQLTextSerializer serializer) => new()
    {
        Query = query["query"].FirstOrDefault(),
        OperationName = query["operationName"].FirstOrDefault(),
        DocumentId = query["documentId"].FirstOrDefault(),
        Variables = ReadInputs(query["variables"].FirstOrDefault(), serializer),
        Extensions = ReadInputs(query["extensions"].FirstOrDefault(), serializer),
    };

    private static Inputs? ReadInputs(string? json, IGraphQLTextSerializer serializer)
        => string.IsNullOrEmpty(json) ? null : serializer.Deserialize<Inputs>(json);

    /// <summary>A POST whose body is not JSON.</summary>
    private sealed class UnsupportedMediaTypeException() : Exception("Send the request as application/json.");
}
