using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.PersistedOperations;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Why an HTTP request was refused before any GraphQL ran: the status, the error code and a message for the client.
/// <paramref name="BatchSize"/> is set when a whole batch is refused: the answer then repeats the error once per
/// operation, as a batch's answer must be an array of the batch's length (Apollo's BatchHttpLink checks it).
/// </summary>
public sealed record HttpRefusal(int StatusCode, string Code, string Message, int? BatchSize = null);

/// <summary>The GraphQL requests read from one HTTP request, or the reason it was refused.</summary>
public sealed record HttpGraphQLRequests(IReadOnlyList<GraphQLRequest> Requests, bool IsBatch, HttpRefusal? Refusal)
{
    /// <summary>A refused request.</summary>
    public static HttpGraphQLRequests Refused(int status, string code, string message) => new([], false, new HttpRefusal(status, code, message));
}

/// <summary>Reads GraphQL requests from POST bodies and GET query strings, checking each parameter's JSON type as the spec asks.</summary>
public sealed class GraphQLHttpRequestReader(IGraphQLSerializer serializer)
{
    /// <summary>The largest refused batch answered with one error per operation; a larger one gets a single error object.</summary>
    public const int MaxBatchAnswerSize = 1_000;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

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
        // A UTF-8 byte order mark is still UTF-8: some clients and editors write one, and JSON parsers may ignore it.
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (body.Span.StartsWith(Utf8Bom))
            body = body[Utf8Bom.Length..];
        if (body.Length == 0)
            return BadRequest("The request body is empty; send a JSON object with a 'query' string.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            // The parser's own text names its internals; say where the body broke instead.
            return BadRequest($"The request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
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
                // Past MaxBatchAnswerSize the array is an attack, not a client's batch: one error keeps the answer small.
                var refusal = new HttpRefusal(StatusCodes.Status400BadRequest, ErrorCodes.BatchTooLarge,
                    $"The batch holds {count} requests; at most {maxBatchSize} are accepted in one HTTP request.",
                    count <= MaxBatchAnswerSize ? count : null);
                return new HttpGraphQLRequests([], true, refusal);
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
        var documentId = parameters["documentId"];
        if (query.Count > 1 || documentId.Count > 1)
            return BadRequest("'query' and 'documentId' may each be given only once.");
        if (parameters["operationName"].Count > 1)
            return BadRequest("'operationName' may be given only once.");
        var variables = ReadJsonObjectParameter(parameters["variables"], "variables", out var variablesError);
        if (variablesError is not null)
            return BadRequest(variablesError);
        var extensions = ReadJsonObjectParameter(parameters["extensions"], "extensions", out var extensionsError);
        if (extensionsError is not null)
            return BadRequest(extensionsError);
        var operationName = parameters["operationName"].ToString();
        var read = new GraphQLRequest
        {
            Query = NullIfEmpty(query.ToString()),
            DocumentId = NullIfEmpty(documentId.ToString()),
            OperationName = NullIfEmpty(operationName),
            Variables = variables,
            Extensions = extensions,
        };
        // A persisted operation (APQ hash or documentId) is named instead of sent, so that CDNs can cache the GET.
        if (read.Query is null && !PersistedOperationResolver.NamesPersistedOperation(read))
            return BadRequest("A GET request needs a non-empty 'query' parameter, or a persisted operation's 'documentId' or APQ 'extensions'.");
        return Single((read, null));
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
        try
        {
            return FromJsonObject(element);
        }
        catch (InvalidOperationException)
        {
            // A member name with a lone surrogate escape or invalid UTF-8.
            return (null, NotUnicode("The request"));
        }
    }

    private (GraphQLRequest? Request, string? Error) FromJsonObject(JsonElement element)
    {
        string? query = null, operationName = null, documentId = null;
        Inputs? variables = null, extensions = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "query" when value.ValueKind == JsonValueKind.String:
                    if (!TryText(value, out query))
                        return (null, NotUnicode("'query'"));
                    break;
                case "query" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'query' must be a string, not {Describe(value)}.");
                case "operationName" when value.ValueKind == JsonValueKind.String:
                    if (!TryText(value, out operationName))
                        return (null, NotUnicode("'operationName'"));
                    break;
                case "operationName" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'operationName' must be a string or null, not {Describe(value)}.");
                case "documentId" when value.ValueKind == JsonValueKind.String:
                    if (!TryText(value, out documentId))
                        return (null, NotUnicode("'documentId'"));
                    break;
                case "documentId" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'documentId' must be a string or null, not {Describe(value)}.");
                case "variables" or "extensions" when value.ValueKind == JsonValueKind.Object:
                    if (!TryInputs(value, $"'{property.Name}'", out var inputs, out var inputsError))
                        return (null, inputsError);
                    if (property.Name == "variables")
                        variables = inputs;
                    else
                        extensions = inputs;
                    break;
                case "variables" or "extensions" when value.ValueKind != JsonValueKind.Null:
                    return (null, $"'{property.Name}' must be a JSON object or null, not {Describe(value)}.");
            }
        }
        var read = new GraphQLRequest
        {
            Query = NullIfEmpty(query),
            DocumentId = NullIfEmpty(documentId),
            OperationName = operationName,
            Variables = variables,
            Extensions = extensions,
        };
        if (read.Query is null && !PersistedOperationResolver.NamesPersistedOperation(read))
            return (null, "The request has no 'query' string (nor a persisted operation's 'documentId' or APQ 'extensions').");
        return (read, null);
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
            return TryInputs(document.RootElement, $"'{name}'", out var inputs, out error) ? inputs : null;
        }
        catch (JsonException ex)
        {
            error = $"'{name}' is not valid JSON (byte {(ex.BytePositionInLine ?? 0) + 1}).";
            return null;
        }
    }

    // A JSON string may hold an escaped lone surrogate or invalid UTF-8, which no .NET string can carry.
    private static bool TryText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string NotUnicode(string what)
        => $"{what} holds text that is not valid Unicode (a lone surrogate escape or invalid UTF-8).";

    /// <summary>
    /// Reads a variables or extensions object after checking every string and number in it, so that what the serializer
    /// would choke on (broken Unicode, numbers beyond a double) is refused in words the client can act on.
    /// </summary>
    private bool TryInputs(JsonElement value, string what, out Inputs? inputs, out string? error)
    {
        inputs = null;
        error = Problem(value, what);
        if (error is not null)
            return false;
        try
        {
            inputs = serializer.ReadNode<Inputs>(value);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            error = $"{what} could not be read as GraphQL input values.";
            return false;
        }
    }

    /// <summary>
    /// What in <paramref name="value"/> no GraphQL input can hold (broken Unicode, a number beyond a double), as a message
    /// naming <paramref name="what"/>; null when it is readable. The socket transports judge their payloads with it too.
    /// </summary>
    internal static string? Problem(JsonElement value, string what)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryText(value, out _) ? null : NotUnicode(what);
            case JsonValueKind.Number:
                return value.TryGetDouble(out var number) && double.IsFinite(number) ? null : $"{what} holds a number too large to represent.";
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    if (Problem(item, what) is { } inItem)
                        return inItem;
                return null;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    string? name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return NotUnicode(what);
                    }
                    if (Problem(property.Value, $"{what}.{name}") is { } inProperty)
                        return inProperty;
                }
                return null;
            default:
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
