namespace ModelRegistry.GraphQL.Paging;

/// <summary>A page of a Relay connection, resolved by the connection graph types.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    /// <summary>The nodes of the page, in order.</summary>
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

/// <summary>An edge: one node and its opaque cursor.</summary>
public sealed record Edge<T>(string Cursor, T Node);

/// <summary>Relay page info.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
