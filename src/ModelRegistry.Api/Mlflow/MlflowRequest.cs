using System.Globalization;
using System.Text.Json;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Mlflow;

/// <summary>
/// The fields of one MLflow request: query parameters for GET (repeated keys for lists), a JSON object body for POST,
/// PATCH and DELETE (MLflow's client sends DELETE with a body too).
/// </summary>
public sealed class MlflowRequest
{
    /// <summary>Largest request body read.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly IQueryCollection? _query;
    private readonly JsonElement _body;

    private MlflowRequest(IQueryCollection? query, JsonElement body)
    {
        _query = query;
        _body = body;
    }

    /// <summary>Reads the request's fields; a body that is not a JSON object is a 400.</summary>
    public static async Task<MlflowRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            return new MlflowRequest(request.Query, default);
        if (request.ContentLength is > MaxBodyBytes)
            throw MlflowError.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
                throw MlflowError.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return new MlflowRequest(null, default);
        if (HttpMethods.IsPost(request.Method) && request.ContentType is { } type
            && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw MlflowError.BadRequest($"Bad Request. Content-Type must be application/json, got '{type}'.");
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw MlflowError.BadRequest("The request body must be a JSON object.");
            return new MlflowRequest(null, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw MlflowError.BadRequest($"Malformed JSON in the request body: {e.Message}");
        }
    }

    /// <summary>A field the call cannot do without; missing or empty is MLflow's INVALID_PARAMETER_VALUE.</summary>
    public string Required(string field)
        => Optional(field) is { Length: > 0 } value
            ? value
            : throw MlflowError.InvalidParameter($"Missing value for required parameter '{field}'. See the API docs for more information about request parameters.");

    /// <summary>A string field, or null when absent; any other JSON type is INVALID_PARAMETER_VALUE.</summary>
    public string? Optional(string field)
    {
        if (_query is not null)
            return _query.TryGetValue(field, out var values) && values.Count > 0 ? values[^1] : null;
        if (_body.ValueKind != JsonValueKind.Object || !_body.TryGetProperty(field, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            // MLflow's server checks types: {"name": 123} is refused, not stored as "123".
            _ => throw MlflowError.InvalidParameter($"Invalid value {value.GetRawText()} for parameter '{field}' supplied: expected a string."),
        };
    }

    /// <summary>A repeated field: repeated query keys, or a JSON array of strings.</summary>
    public IReadOnlyList<string> List(string field)
    {
        if (_query is not null)
            return _query.TryGetValue(field, out var values) ? [.. values.Where(v => v is not null).Select(v => v!)] : [];
        if (_body.ValueKind != JsonValueKind.Object || !_body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind == JsonValueKind.String)
            return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw MlflowError.InvalidParameter($"Invalid value for parameter '{field}': expected a list of strings.");
        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>A boolean field (<c>true</c>/<c>false</c>), or <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string field, bool fallback)
    {
        if (_query is null && _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(field, out var json) && json.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return json.GetBoolean();
        return Optional(field) switch
        {
            null => fallback,
            var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            var text => throw MlflowError.InvalidParameter($"Invalid value '{text}' for parameter '{field}': expected true or false."),
        };
    }

    /// <summary>A whole-number field within [1, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    public int Int(string field, int fallback, int max)
    {
        var text = Optional(field);
        if (text is null)
            return fallback;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 1)
            throw MlflowError.InvalidParameter($"Invalid value {text} for parameter '{field}' supplied. It must be a positive integer.");
        if (value > max)
            throw MlflowError.InvalidParameter($"Invalid value {text} for parameter '{field}' supplied. It must be at most {max}.");
        return (int)value;
    }

    /// <summary>The <c>version</c> field as a number, with MLflow's text when it is not one.</summary>
    public int Version(string field = "version")
    {
        var text = Required(field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw MlflowError.InvalidParameter($"Parameter '{field}' must be an integer, got '{text}'.");
    }

    /// <summary>The <c>tags</c> field: a list of <c>{key, value}</c> objects (JSON bodies only).</summary>
    public IReadOnlyList<KeyValueDraft> Tags()
    {
        if (_query is not null || _body.ValueKind != JsonValueKind.Object || !_body.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null)
            return [];
        if (tags.ValueKind != JsonValueKind.Array)
            throw MlflowError.InvalidParameter("Invalid value for parameter 'tags': expected a list of {key, value}.");
        var result = new List<KeyValueDraft>();
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.ValueKind != JsonValueKind.Object || !tag.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String)
                throw MlflowError.InvalidParameter("Invalid value for parameter 'tags': each tag needs a string 'key'.");
            var value = tag.TryGetProperty("value", out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null => "",
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => throw MlflowError.InvalidParameter("Invalid value for parameter 'tags': a tag value must be a string."),
            } : "";
            result.Add(new KeyValueDraft(key.GetString()!, value));
        }
        return result;
    }
}
