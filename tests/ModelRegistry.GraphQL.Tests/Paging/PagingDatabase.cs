using ModelRegistry.GraphQL.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.GraphQL.Tests.Paging;

/// <summary>A colour, stored as its number.</summary>
public enum Shade
{
    /// <summary>First.</summary>
    Red,
    /// <summary>Second.</summary>
    Green,
    /// <summary>Third.</summary>
    Blue,
}

/// <summary>A row with one column of each supported key type, many of them tied.</summary>
public sealed class PagedRow
{
    /// <summary>The unique tiebreaker.</summary>
    public long Id { get; set; }

    /// <summary>A text key with ties.</summary>
    public string Name { get; set; } = "";

    /// <summary>An int key with ties.</summary>
    public int Rank { get; set; }

    /// <summary>A double key with ties.</summary>
    public double Score { get; set; }

    /// <summary>A boolean key.</summary>
    public bool Active { get; set; }

    /// <summary>A timestamp key with ties.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>An enum key.</summary>
    public Shade Shade { get; set; }
}

/// <summary>A SQLite file database holding <see cref="PagedRow"/>s; deleted on dispose.</summary>
public sealed class PagingDatabase : DbContext
{
    private readonly string _path;

    private PagingDatabase(string path, DbContextOptions<PagingDatabase> options) : base(options) => _path = path;

    /// <summary>The rows.</summary>
    public DbSet<PagedRow> Rows => Set<PagedRow>();

    /// <summary>The SQL statements EF sent, for asserting that paging runs in the database.</summary>
    public List<string> Statements { get; } = [];

    /// <summary>Creates a fresh file database with <paramref name="count"/> rows of deliberately tied keys.</summary>
    public static async Task<PagingDatabase> CreateAsync(int count)
    {
        var path = Path.Combine(Path.GetTempPath(), $"keyset-{Guid.NewGuid():N}.db");
        PagingDatabase? database = null;
        var options = new DbContextOptionsBuilder<PagingDatabase>()
            .UseSqlite($"Data Source={path};Pooling=False")
            .LogTo(statement => database?.Statements.Add(statement), [DbLoggerCategory.Database.Command.Name], Microsoft.Extensions.Logging.LogLevel.Information)
            .Options;
        database = new PagingDatabase(path, options);
        await TestTables.CreateAsync(database);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= count; i++)
            database.Rows.Add(Row(i, start));
        await database.SaveChangesAsync();
        database.ChangeTracker.Clear();
        return database;
    }

    /// <summary>The row the seed would create for <paramref name="i"/>: ties every few rows on each key.</summary>
    public static PagedRow Row(int i, DateTime start) => new()
    {
        Name = $"name-{i % 7:D2}",
        Rank = i % 5,
        Score = (i % 4) * 0.25,
        Active = i % 3 == 0,
        CreatedAt = start.AddHours(i % 6),
        Shade = (Shade)(i % 3),
    };

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await Database.EnsureDeletedAsync();
        await base.DisposeAsync();
        File.Delete(_path);
    }
}
