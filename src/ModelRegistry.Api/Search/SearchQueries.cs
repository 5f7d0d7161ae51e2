using GraphQL;
using GraphQL.Types;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Api.Search;

/// <summary>Queries of the Search feature.</summary>
public static class SearchQueries
{
    /// <summary>Adds <c>search(text, types, first, after)</c>.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<SearchResultsConnectionType>("search")
            .Description(
                "Ranked full-text search over models, versions, datasets, dataset versions, deployments and consumer applications. " +
                "Every word must match (the last as a prefix); punctuation only separates words. Best matches first: results whose own " +
                "name holds every word, then those whose name or title does, then the rest; within each, a hit in a name weighs most, " +
                "then titles, tags, owning model, facts, and descriptions least. Empty text, or text over " +
                $"{SearchText.MaxLength} characters, is refused with INVALID_ARGUMENT.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "The words to look for.")
            .Argument<ListGraphType<NonNullGraphType<SearchResultKindType>>>("types", "Only results of these types; omitted or empty for all.")
            .AddForwardPagingArguments()
            .ResolveAsync(async c => await SearchAsync(c));

    private static async Task<Connection<object>> SearchAsync(IResolveFieldContext c)
    {
        if (!SearchText.TryParse(c.GetArgument<string>("text"), out var text, out var problem))
            throw new ExecutionError(problem!) { Code = ErrorCodes.InvalidArgument };
        var kinds = (c.GetArgument<List<string>?>("types") ?? []).Distinct().ToList();
        var size = PageSize(c.GetArgument<int?>("first"));
        var afterCursor = c.GetArgument<string?>("after");
        var after = afterCursor is null ? null : SearchCursor.Decode(text!, kinds, afterCursor);

        var search = c.RequestServices!.GetRequiredService<RegistrySearch>();
        var matches = (await search.FindAsync(text!, kinds, after, size + 1, c.CancellationToken)).ToList();
        var hasNextPage = matches.Count > size;
        if (hasNextPage)
            matches.RemoveAt(matches.Count - 1);

        var edges = matches.Select(m => new Edge<object>(SearchCursor.Encode(text!, kinds, m.Hit), m.Entity)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: hasNextPage,
            HasPreviousPage: after is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<object>(edges, pageInfo, ct => search.CountAsync(text!, kinds, ct));
    }

    // The same limits and messages as every other connection of the registry.
    private static int PageSize(int? first)
    {
        var options = PagingOptions.Default;
        if (first < 0)
            throw new ExecutionError("'first' must not be negative.") { Code = ErrorCodes.InvalidArgument };
        if (first > options.MaxPageSize)
        {
            throw new ExecutionError(
                $"Requesting {first} records exceeds the maximum of {options.MaxPageSize} per page; use a smaller 'first' and follow the cursors.")
            { Code = ErrorCodes.InvalidArgument };
        }
        return first ?? options.DefaultPageSize;
    }
}
