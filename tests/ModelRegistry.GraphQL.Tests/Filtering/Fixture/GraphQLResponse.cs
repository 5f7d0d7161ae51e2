using System.Text.Json;

namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>Reads what a client sees in a serialized GraphQL response.</summary>
public static class GraphQLResponse
{
    /// <summary>The widget keys under <c>data.widgets</c>, in order; fails the test when the response has errors.</summary>
    public static List<long> WidgetKeys(this JsonElement response)
    {
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data").GetProperty("widgets").EnumerateArray()
            .Select(w => w.GetProperty("key").GetInt64())
            .ToList();
    }

    /// <summary>The <c>extensions.code</c> of every error.</summary>
    public static List<string?> ErrorCodes(this JsonElement response)
        => response.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray()
                .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var c) ? c.GetString() : null)
                .ToList()
            : [];
}
