using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Relay;

/// <summary>One page of a connection as a client saw it.</summary>
public sealed record ConnectionPage(IReadOnlyList<string> Names, IReadOnlyList<string> Cursors, bool HasNextPage, bool HasPreviousPage,
    string? StartCursor, string? EndCursor, int TotalCount);

/// <summary>Follows a connection's cursors to its end, as a paging client does.</summary>
/// <remarks>The query takes $first, $after, $last, $before and selects edges { cursor node { name } } (name may alias a number), pageInfo and totalCount.</remarks>
public static class ConnectionWalk
{
    private const int MaxPages = 1000;

    /// <summary>Reads one page; <paramref name="path"/> leads from <c>data</c> to the connection.</summary>
    public static async Task<ConnectionPage> PageAsync(GraphQLClient client, string query, string path, object variables)
    {
        var connection = await client.QueryAsync(query, variables);
        foreach (var step in path.Split('.'))
            connection = connection.GetProperty(step);
        var edges = connection.GetProperty("edges").EnumerateArray().ToList();
        var info = connection.GetProperty("pageInfo");
        return new ConnectionPage(
            [.. edges.Select(e => KeyOf(e.GetProperty("node").GetProperty("name")))],
            [.. edges.Select(e => e.GetProperty("cursor").GetString()!)],
            info.GetProperty("hasNextPage").GetBoolean(),
            info.GetProperty("hasPreviousPage").GetBoolean(),
            info.GetProperty("startCursor").GetString(),
            info.GetProperty("endCursor").GetString(),
            connection.GetProperty("totalCount").GetInt32());
    }

    /// <summary>Pages forwards with first/after until hasNextPage is false.</summary>
    public static async Task<List<ConnectionPage>> ForwardsAsync(GraphQLClient client, string query, string path, int size, Dictionary<string, object?>? extra = null)
    {
        var pages = new List<ConnectionPage>();
        string? after = null;
        do
        {
            pages.Add(await PageAsync(client, query, path, With(extra, ("first", size), ("after", after))));
            after = pages[^1].EndCursor;
            Assert.True(pages.Count < MaxPages, "The walk never reached the end");
        }
        while (pages[^1].HasNextPage);
        return pages;
    }

    /// <summary>Pages backwards with last/before until hasPreviousPage is false.</summary>
    public static async Task<List<ConnectionPage>> BackwardsAsync(GraphQLClient client, string query, string path, int size, Dictionary<string, object?>? extra = null)
    {
        var pages = new List<ConnectionPage>();
        string? before = null;
        do
        {
            pages.Add(await PageAsync(client, query, path, With(extra, ("last", size), ("before", before))));
            before = pages[^1].StartCursor;
            Assert.True(pages.Count < MaxPages, "The walk never reached the start");
        }
        while (pages[^1].HasPreviousPage);
        return pages;
    }

    // Pages are compared by a readable key: a name, or a number such as a version's.
    private static string KeyOf(System.Text.Json.JsonElement value)
        => value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static Dictionary<string, object?> With(Dictionary<string, object?>? extra, params (string Name, object? Value)[] values)
    {
        var variables = new Dictionary<string, object?>(extra ?? []);
        foreach (var (name, value) in values)
            variables[name] = value;
        return variables;
    }
}
