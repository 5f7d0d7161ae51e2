using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>
/// Keyset (seek) paging over an <see cref="IQueryable{T}"/>: a page is "rows beyond the cursor's key values, in key order",
/// so it runs in SQL as WHERE + ORDER BY + LIMIT and stays stable when rows are inserted elsewhere.
/// </summary>
public static class KeysetPager
{
    /// <summary>
    /// Reads one page. <paramref name="keys"/> must end with a unique key (the id) so that the order is total;
    /// keys may be string, int, long, double, float, decimal, bool, DateTime, DateTimeOffset or an enum, and not nullable.
    /// </summary>
    /// <exception cref="ExecutionError">Code <c>INVALID_ARGUMENT</c> for bad page sizes, <c>INVALID_CURSOR</c> for bad cursors.</exception>
    public static async Task<Connection<T>> PageAsync<T>(
        this IQueryable<T> source,
        IReadOnlyList<OrderKey> keys,
        PagingArguments arguments,
        PagingOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(arguments);
        if (keys.Count == 0)
            throw new ArgumentException("At least one order key (ending with a unique one) is required.", nameof(keys));
        options ??= PagingOptions.Default;
        var (size, backward) = PageSize(arguments, options);
        var fingerprint = KeysetCursor.Fingerprint(keys);
        var seek = new KeysetSeek<T>(keys);

        var filtered = source;
        filtered = ApplyCursors(filtered, seek, keys, arguments, fingerprint);

        var rows = await ToListAsync(seek.Order(filtered, reverse: backward).Take(size + 1), cancellationToken);
        var hasMore = rows.Count > size;
        if (hasMore)
            rows.RemoveAt(rows.Count - 1);
        if (backward)
            rows.Reverse();

        return new Connection<T>(Edges(rows, seek, fingerprint), Info(rows, arguments, backward, hasMore, seek, fingerprint), ct => CountAsync(source, ct));
    }

    internal static List<Edge<T>> Edges<T>(List<T> rows, KeysetSeek<T> seek, string fingerprint)
        => rows.Select(row => new Edge<T>(KeysetCursor.Encode(fingerprint, seek.ValuesOf(row)), row)).ToList();

    // Looking past the opposite cursor would cost a second query; a given cursor is taken as proof of rows beyond it.
    internal static PageInfo Info<T>(List<T> rows, PagingArguments arguments, bool backward, bool hasMore, KeysetSeek<T> seek, string fingerprint)
        => new(
            HasNextPage: backward ? arguments.Before is not null : hasMore || arguments.Before is not null,
            HasPreviousPage: backward ? hasMore || arguments.After is not null : arguments.After is not null,
            StartCursor: rows.Count > 0 ? KeysetCursor.Encode(fingerprint, seek.ValuesOf(rows[0])) : null,
            EndCursor: rows.Count > 0 ? KeysetCursor.Encode(fingerprint, seek.ValuesOf(rows[^1])) : null);

    internal static IQueryable<T> ApplyCursors<T>(IQueryable<T> source, KeysetSeek<T> seek, IReadOnlyList<OrderKey> keys, PagingArguments arguments, string fingerprint)
    {
        if (arguments.After is not null)
            source = source.Where(seek.Beyond(DecodeCursor(arguments.After, "after", keys, fingerprint), forward: true));
        if (arguments.Before is not null)
            source = source.Where(seek.Beyond(DecodeCursor(arguments.Before, "before", keys, fingerprint), forward: false));
        return source;
    }

    internal static (int Size, bool Backward) PageSize(PagingArguments arguments, PagingOptions options)
    {
        if (arguments.First is not null && arguments.Last is not null)
            throw InvalidArgument("Pass either 'first' or 'last', not both.");
        if (arguments.First < 0 || arguments.Last < 0)
            throw InvalidArgument($"'{(arguments.First < 0 ? "first" : "last")}' must not be negative.");
        var requested = arguments.First ?? arguments.Last;
        if (requested > options.MaxPageSize)
        {
            throw InvalidArgument(
                $"Requesting {requested} records exceeds the maximum of {options.MaxPageSize} per page; use a smaller 'first' or 'last' and follow the cursors.");
        }
        return (requested ?? options.DefaultPageSize, arguments.Last is not null);
    }

    internal static object[] DecodeCursor(string cursor, string argument, IReadOnlyList<OrderKey> keys, string fingerprint)
    {
        if (!KeysetCursor.TryDecode(cursor, keys, fingerprint, out var values))
        {
            throw new ExecutionError($"The '{argument}' cursor is not valid for this list and ordering; start again without it.")
            {
                Code = ErrorCodes.InvalidCursor,
            };
        }
        return values;
    }

    private static ExecutionError InvalidArgument(string message) => new(message) { Code = ErrorCodes.InvalidArgument };

    internal static async Task<List<T>> ToListAsync<T>(IQueryable<T> query, CancellationToken cancellationToken)
        => query.Provider is IAsyncQueryProvider
            ? await EntityFrameworkQueryableExtensions.ToListAsync(query, cancellationToken)
            : query.ToList();

    private static async Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken)
        => query.Provider is IAsyncQueryProvider
            ? await EntityFrameworkQueryableExtensions.CountAsync(query, cancellationToken)
            : query.Count();
}
