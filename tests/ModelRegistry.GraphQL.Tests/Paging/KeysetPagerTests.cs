using GraphQL;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.GraphQL.Tests.Paging;

/// <summary>The keyset pager on a real SQLite file: complete walks in both directions, limits, cursors, stability.</summary>
public sealed class KeysetPagerTests : IAsyncLifetime
{
    private const int RowCount = 53;
    private PagingDatabase _db = null!;

    /// <summary>Orderings with ties on every leading key, each ending with the unique id.</summary>
    public static TheoryData<string> Orderings => new() { "id", "name", "rank-desc", "score-created-desc", "active-desc-shade" };

    public async Task InitializeAsync() => _db = await PagingDatabase.CreateAsync(RowCount);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [MemberData(nameof(Orderings))]
    public async Task Walking_forwards_visits_every_row_once_in_order(string ordering)
    {
        var keys = KeysOf(ordering);
        var seen = new List<long>();
        string? after = null;
        var first = true;
        while (true)
        {
            var page = await _db.Rows.PageAsync(keys, new PagingArguments(7, after, null, null));
            Assert.Equal(!first, page.PageInfo.HasPreviousPage);
            seen.AddRange(page.Nodes.Select(r => r.Id));
            first = false;
            if (!page.PageInfo.HasNextPage)
                break;
            after = page.PageInfo.EndCursor;
        }

        Assert.Equal(await ExpectedIdsAsync(ordering), seen);
    }

    [Theory]
    [MemberData(nameof(Orderings))]
    public async Task Walking_backwards_visits_every_row_once_in_order(string ordering)
    {
        var keys = KeysOf(ordering);
        var pages = new List<IReadOnlyList<long>>();
        string? before = null;
        while (true)
        {
            var page = await _db.Rows.PageAsync(keys, new PagingArguments(null, null, 7, before));
            Assert.Equal(before is not null, page.PageInfo.HasNextPage);
            pages.Add(page.Nodes.Select(r => r.Id).ToList());
            if (!page.PageInfo.HasPreviousPage)
                break;
            before = page.PageInfo.StartCursor;
        }

        var seen = Enumerable.Reverse(pages).SelectMany(p => p).ToList();
        Assert.Equal(await ExpectedIdsAsync(ordering), seen);
        Assert.Equal(RowCount % 7, pages[^1].Count);
    }

    [Fact]
    public async Task A_page_between_two_cursors_holds_exactly_the_rows_between_them()
    {
        var keys = KeysOf("name");
        var all = await _db.Rows.PageAsync(keys, new PagingArguments(20, null, null, null));

        var middle = await _db.Rows.PageAsync(keys, new PagingArguments(null, all.Edges[4].Cursor, null, all.Edges[10].Cursor));

        Assert.Equal(all.Nodes.Skip(5).Take(5).Select(r => r.Id), middle.Nodes.Select(r => r.Id));
    }

    [Fact]
    public async Task Without_first_or_last_a_page_holds_ten_rows()
    {
        var page = await _db.Rows.PageAsync(KeysOf("id"), new PagingArguments(null, null, null, null));

        Assert.Equal(10, page.Edges.Count);
        Assert.True(page.PageInfo.HasNextPage);
    }

    [Fact]
    public async Task One_hundred_rows_are_allowed_and_one_hundred_and_one_are_refused()
    {
        var page = await _db.Rows.PageAsync(KeysOf("id"), new PagingArguments(100, null, null, null));
        var refused = await Assert.ThrowsAsync<ExecutionError>(() => _db.Rows.PageAsync(KeysOf("id"), new PagingArguments(null, null, 101, null)));

        Assert.Equal(RowCount, page.Edges.Count);
        Assert.Equal("INVALID_ARGUMENT", refused.Code);
        Assert.Contains("maximum of 100", refused.Message);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(null, -5)]
    [InlineData(5, 5)]
    public async Task Negative_sizes_and_first_with_last_are_refused_with_INVALID_ARGUMENT(int? first, int? last)
    {
        var refused = await Assert.ThrowsAsync<ExecutionError>(() => _db.Rows.PageAsync(KeysOf("id"), new PagingArguments(first, null, last, null)));

        Assert.Equal("INVALID_ARGUMENT", refused.Code);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("WyJ4Il0")]
    [InlineData("")]
    public async Task A_malformed_cursor_is_refused_with_INVALID_CURSOR(string cursor)
    {
        var refused = await Assert.ThrowsAsync<ExecutionError>(() => _db.Rows.PageAsync(KeysOf("name"), new PagingArguments(5, cursor, null, null)));

        Assert.Equal("INVALID_CURSOR", refused.Code);
    }

    [Fact]
    public async Task A_cursor_from_another_ordering_is_refused_with_INVALID_CURSOR()
    {
        var byRank = await _db.Rows.PageAsync(KeysOf("rank-desc"), new PagingArguments(5, null, null, null));

        var refused = await Assert.ThrowsAsync<ExecutionError>(() => _db.Rows.PageAsync(KeysOf("id"), new PagingArguments(5, null, null, byRank.PageInfo.EndCursor)));

        Assert.Equal("INVALID_CURSOR", refused.Code);
    }

    [Fact]
    public async Task A_cursor_keeps_its_place_when_rows_are_inserted_before_and_after_it()
    {
        var keys = KeysOf("name");
        var firstPage = await _db.Rows.PageAsync(keys, new PagingArguments(10, null, null, null));
        var lastSeen = firstPage.Nodes.Last();

        _db.Rows.AddRange(
            new PagedRow { Name = "aaa-before-everything", CreatedAt = DateTime.UtcNow },
            new PagedRow { Name = lastSeen.Name, CreatedAt = DateTime.UtcNow },
            new PagedRow { Name = "zzz-after-everything", CreatedAt = DateTime.UtcNow });
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        var secondPage = await _db.Rows.PageAsync(keys, new PagingArguments(10, firstPage.PageInfo.EndCursor, null, null));

        var expected = (await ExpectedIdsAsync("name")).SkipWhile(id => id != lastSeen.Id).Skip(1).Take(10);
        Assert.Equal(expected, secondPage.Nodes.Select(r => r.Id));
        Assert.DoesNotContain(secondPage.Nodes, r => firstPage.Nodes.Any(f => f.Id == r.Id));
        Assert.Contains(secondPage.Nodes, r => r.Name == lastSeen.Name && r.Id > RowCount);
    }

    [Fact]
    public async Task The_page_runs_as_one_limited_SQL_query_and_counts_only_when_asked()
    {
        var first = await _db.Rows.PageAsync(KeysOf("score-created-desc"), new PagingArguments(5, null, null, null));
        _db.Statements.Clear();

        var page = await _db.Rows.PageAsync(KeysOf("score-created-desc"), new PagingArguments(5, first.PageInfo.EndCursor, null, null));

        var select = Assert.Single(_db.Statements);
        Assert.Contains("WHERE", select);
        Assert.Contains("LIMIT", select);
        Assert.DoesNotContain("COUNT", select);
        Assert.Equal(RowCount, await page.GetTotalCountAsync());
        Assert.Contains("COUNT", _db.Statements[^1]);
    }

    private static IReadOnlyList<OrderKey> KeysOf(string ordering) => ordering switch
    {
        "id" => [OrderKey.By<PagedRow, long>(r => r.Id, false, "id")],
        "name" => [OrderKey.By<PagedRow, string>(r => r.Name, false, "name"), OrderKey.By<PagedRow, long>(r => r.Id, false, "id")],
        "rank-desc" => [OrderKey.By<PagedRow, int>(r => r.Rank, true, "rank"), OrderKey.By<PagedRow, long>(r => r.Id, false, "id")],
        "score-created-desc" =>
        [
            OrderKey.By<PagedRow, double>(r => r.Score, false, "score"),
            OrderKey.By<PagedRow, DateTime>(r => r.CreatedAt, true, "createdAt"),
            OrderKey.By<PagedRow, long>(r => r.Id, true, "id"),
        ],
        "active-desc-shade" =>
        [
            OrderKey.By<PagedRow, bool>(r => r.Active, true, "active"),
            OrderKey.By<PagedRow, Shade>(r => r.Shade, false, "shade"),
            OrderKey.By<PagedRow, long>(r => r.Id, false, "id"),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(ordering)),
    };

    // The reference order, computed in memory with ordinal string comparison (SQLite's default collation).
    private async Task<List<long>> ExpectedIdsAsync(string ordering)
    {
        var rows = await _db.Rows.AsNoTracking().ToListAsync();
        IOrderedEnumerable<PagedRow> sorted = ordering switch
        {
            "id" => rows.OrderBy(r => r.Id),
            "name" => rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id),
            "rank-desc" => rows.OrderByDescending(r => r.Rank).ThenBy(r => r.Id),
            "score-created-desc" => rows.OrderBy(r => r.Score).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
            "active-desc-shade" => rows.OrderByDescending(r => r.Active).ThenBy(r => r.Shade).ThenBy(r => r.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(ordering)),
        };
        return sorted.Select(r => r.Id).ToList();
    }
}
