using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Http;

/// <summary>Why an HTTP request was refused before any GraphQL ran: the status, the error code and a message for the client.</summary>
public sealed record HttpRefusal(int StatusCode, string Code, string Message);

/// <summary>The GraphQL requests read from one HTTP request, or the reason it was refused.</summary>
public sealed record HttpGraphQLRequests(IReadOnlyList<GraphQLRequest> Requests, bool IsBatch, HttpRefusal? Refusal)
{
    /// <summary>A refused request.</summary>
    public static HttpGraphQLRequests Refused(int status, string code, string message) => new([], false, new HttpRefusal(status, code, message));
}

/// <summary>Reads GraphQL requests from POST bodies and GET query strings, checking each parameter's JSON type as the spec asks.</summary>
public sealed class GraphQLHttpRequestReader(IGraphQLSerializer serializer)
{
    /// <summary>Reads a POST body: one request object, or an array of them (a batch) of at most <paramref name="maxBatchSize"/>.</summary>
    public async Task<HttpGraphQLRequests> ReadPostAsync(HttpRequest request, int maxBatchSize, CancellationToken cancellationToken)
    {
        if (!IsJsonContentType(request.ContentType))
        {
            return HttpGraphQLRequests.Refused(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"Content-Type '{request.ContentType ?? "(none)"}' is not supported; send 'application/json' (UTF-8).");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
            return BadRequest("The request body is empty; send a JSON object with a 'query' string.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            return BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
                return Single(FromJson(root));
            if (root.ValueKind != JsonValueKind.Array)
                return BadRequest("The request body must be a JSON object, or an array of them for a batch.");
            var count = root.GetArrayLength();
            if (count == 0)
                return BadRequest("A batch must hold at least one request.");
            if (count > maxBatchSize)
            {
                return HttpGraphQLRequests.Refused(StatusCodes.Status400BadRequest, ErrorCodes.BatchTooLarge,
                    $"The batch holds {count} requests; at most {maxBatchSize} are accepted in one HTTP request.");
            }
            var requests = new List<GraphQLRequest>(count);
            var position = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                    return BadRequest($"Batch entry {position} is not a JSON object.");
                var (read, error) = FromJson(item);
                if (error is not null)
                    return BadRequest($"Batch entry {position}: {error}");
                requests.Add(read!);
                position++;
            }
            return new HttpGraphQLRequests(requests, true, null);
        }
    }

    /// <summary>Reads a GET request's query string (<c>query</c>, <c>operationName</c>, JSON-encoded <c>variables</c> and <c>extensions</c>).</summary>
    public HttpGraphQLRequests ReadGet(HttpRequest request)
    {
        var parameters = request.Query;
        var query = parameters["query"];
        if (query.Count != 1 || string.IsNullOrEmpty(query[0]))
            return BadRequest("A GET request needs exactly one non-empty 'query' parameter.");
        if (parameters["operationName"].Count > 1)
            return BadRequest("'operationName' may be given only once.");
        var variables = ReadJsonObjectParameter(parameters["variables"], "variables", out var variablesError);
        if (variablesError is not null)
            return BadRequest(variablesError);
        var extensions = ReadJsonObjectParameter(parameters["extensions"], "extensions", out var extensionsError);
        if (extensionsError is not null)
            return BadRequest(extensionsError);
        var operationName = parameters["operationName"].ToString();
        return Single((new GraphQLRequest
        {
            Query = query[0],
            OperationName = string.IsNullOrEmpty(operationName) ? null : operationName,
            Variables = variables,
            Extensions = extensions,
        }, null));
    }

    private static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        var charset = parsed.Charset.Value;
        return parsed.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
               && (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                                                 || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }

    private (GraphQLRequest? Request, string? Error) FromJson(JsonElement element)
    {
        string? query = null, operationName = null;
        Inputs? variables = null, extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query" when value.ValueKind == JsonValueKind.String:
                    query = value.GetString();
                    break;
                case "query" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'query' must be a string, not {Describe(value)}.");
                case "operationName" when value.ValueKind == JsonValueKind.String:
                    operationName = value.GetString();
                    break;
                case "operationName" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'operationName' must be a string or null, not {Describe(value)}.");
                case "variables" or "extensions" when value.ValueKind == JsonValueKind.Object:
                    var inputs = serializer.ReadNode<Inputs>(value);
                    if (property.Name == "variables")
                        variables = inputs;
                    else
                        extensions = inputs;
                    break;
                case "variables" or "extensions" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'{property.Name}' must be a JSON object or null, not {Describe(value)}.");
            }
        }
        if (string.IsNullOrEmpty(query))
            return (null, "The request has no 'query' string.");
        return (new GraphQLRequest { Query = query, OperationName = operationName, Variables = variables, Extensions = extensions }, null);
    }

    private Inputs? ReadJsonObjectParameter(Microsoft.Extensions.Primitives.StringValues raw, string name, out string? error)
    {
        error = null;
        if (raw.Count == 0 || string.IsNullOrEmpty(raw[0]))
            return null;
        if (raw.Count > 1)
        {
            error = $"'{name}' may be given only once.";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(raw[0]!);
            if (document.RootElement.ValueKind == JsonValueKind.Null)
                return null;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"'{name}' must be a JSON-encoded object, not {Describe(document.RootElement)}.";
                return null;
            }
            return serializer.ReadNode<Inputs>(document.RootElement);
        }
        catch (JsonException ex)
        {
            error = $"'{name}' is not valid JSON: {ex.Message}";
            return null;
        }
    }

    private static HttpGraphQLRequests Single((GraphQLRequest? Request, string? Error) read)
        => read.Error is not null ? BadRequest(read.Error) : new HttpGraphQLRequests([read.Request!], false, null);

    private static HttpGraphQLRequests BadRequest(string message)
        => HttpGraphQLRequests.Refused(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
