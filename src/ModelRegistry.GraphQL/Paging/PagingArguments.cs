namespace ModelRegistry.GraphQL.Paging;

/// <summary>Relay paging arguments as a client sent them (first/after or last/before).</summary>
public sealed record PagingArguments(int? First, string? After, int? Last, string? Before);
