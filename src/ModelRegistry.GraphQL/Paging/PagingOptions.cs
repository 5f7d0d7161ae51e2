namespace ModelRegistry.GraphQL.Paging;

/// <summary>Page size limits of a connection.</summary>
public sealed record PagingOptions
{
    /// <summary>The limits the registry's contract promises: 10 by default, at most 100.</summary>
    public static PagingOptions Default { get; } = new();

    /// <summary>Rows returned when the client gives neither <c>first</c> nor <c>last</c>.</summary>
    public int DefaultPageSize { get; init; } = 10;

    /// <summary>Largest <c>first</c> or <c>last</c> accepted; larger requests are refused, not clamped.</summary>
    public int MaxPageSize { get; init; } = 100;
}
