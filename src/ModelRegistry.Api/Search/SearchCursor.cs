using System.Security.Cryptography;
using System.Text;
using GraphQL;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Api.Search;

/// <summary>
/// Keyset cursors of search results: the (rank, kind, id) of a hit, in the toolkit's opaque cursor format, with a
/// fingerprint that also covers the searched words. A cursor from another search, or one edited by hand, is refused
/// with INVALID_CURSOR instead of silently paging through something else.
/// </summary>
public static class SearchCursor
{
    private static readonly OrderKey[] Keys =
    [
        OrderKey.By<SearchHit, int>(h => h.Tier, false, "tier"),
        OrderKey.By<SearchHit, double>(h => h.Rank, false, "rank"),
        OrderKey.By<SearchHit, string>(h => h.Kind, false, "kind"),
        OrderKey.By<SearchHit, long>(h => h.EntityId, false, "id"),
    ];

    private static readonly string OrderFingerprint = KeysetCursor.Fingerprint(Keys);

    /// <summary>The cursor of <paramref name="hit"/> in the results of <paramref name="text"/> among <paramref name="kinds"/>.</summary>
    public static string Encode(SearchText text, IReadOnlyCollection<string> kinds, SearchHit hit)
        => KeysetCursor.Encode(Fingerprint(text, kinds), [hit.Tier, hit.Rank, hit.Kind, hit.EntityId]);

    /// <summary>Decodes an <c>after</c> cursor given with <paramref name="text"/> and <paramref name="kinds"/>.</summary>
    /// <exception cref="ExecutionError">Code <c>INVALID_CURSOR</c> when the cursor is malformed or belongs to another search.</exception>
    public static SearchHit Decode(SearchText text, IReadOnlyCollection<string> kinds, string cursor)
    {
        if (KeysetCursor.TryDecode(cursor, Keys, Fingerprint(text, kinds), out var values)
            && values[0] is int tier && tier is >= 0 and <= 2
            && values[1] is double rank && double.IsFinite(rank)
            && values[2] is string kind && SearchKinds.All.Contains(kind)
            && values[3] is long id)
        {
            return new SearchHit(kind, id, tier, rank);
        }
        throw new ExecutionError("The 'after' cursor is not valid for this search; start again without it.") { Code = ErrorCodes.InvalidCursor };
    }

    // Covers the words and the kinds asked for, so a cursor only continues the search it came from.
    private static string Fingerprint(SearchText text, IReadOnlyCollection<string> kinds)
    {
        var words = string.Join('\u001f', text.Words.Select(w => w.ToLowerInvariant()));
        var types = string.Join('\u001f', kinds.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OrderFingerprint + "\u001e" + words + "\u001e" + types)).AsSpan(0, 6));
    }
}
