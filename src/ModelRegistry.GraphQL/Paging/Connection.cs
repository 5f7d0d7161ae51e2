namespace ModelRegistry.GraphQL.Paging;

/// <summary>A connection page seen without its node type, as the connection graph types resolve it.</summary>
public interface IConnection
{
    /// <summary>The edges of the page, in order.</summary>
    IReadOnlyList<IEdge> Edges { get; }

    /// <summary>The nodes of the page, in order.</summary>
    IEnumerable<object?> Nodes { get; }

    /// <summary>Relay page info.</summary>
    PageInfo PageInfo { get; }

    /// <summary>Counts every row of the connection (ignoring cursors); the count runs at most once, and only when asked for.</summary>
    Task<int> GetTotalCountAsync(CancellationToken cancellationToken = default);
}

/// <summary>An edge seen without its node type.</summary>
public interface IEdge
{
    /// <summary>The opaque cursor of the edge.</summary>
    string Cursor { get; }

    /// <summary>The node of the edge.</summary>
    object? Node { get; }
}

/// <summary>A page of a Relay connection, resolved by the connection graph types.</summary>
public sealed class Connection<T> : IConnection
{
    private readonly Func<CancellationToken, Task<int>> _countTotal;
    private Task<int>? _totalCount;

    /// <summary>Creates a page whose total count is already known.</summary>
    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, int totalCount)
        : this(edges, pageInfo, _ => Task.FromResult(totalCount))
    {
    }

    /// <summary>Creates a page whose total count is computed on first request (so a COUNT runs only when selected).</summary>
    public Connection(IReadOnlyList<Edge<T>> edges, PageInfo pageInfo, Func<CancellationToken, Task<int>> countTotal)
    {
        Edges = edges;
        PageInfo = pageInfo;
        _countTotal = countTotal;
    }

    /// <summary>The edges of the page, in order.</summary>
    public IReadOnlyList<Edge<T>> Edges { get; }

    /// <summary>Relay page info.</summary>
    public PageInfo PageInfo { get; }

    /// <summary>The nodes of the page, in order.</summary>
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);

    /// <inheritdoc />
    public Task<int> GetTotalCountAsync(CancellationToken cancellationToken = default)
        => _totalCount ??= _countTotal(cancellationToken);

    IReadOnlyList<IEdge> IConnection.Edges => Edges;

    IEnumerable<object?> IConnection.Nodes => Edges.Select(e => (object?)e.Node);
}

/// <summary>An edge: one node and its opaque cursor.</summary>
public sealed record Edge<T>(string Cursor, T Node) : IEdge
{
    object? IEdge.Node => Node;
}

/// <summary>Relay page info.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);
