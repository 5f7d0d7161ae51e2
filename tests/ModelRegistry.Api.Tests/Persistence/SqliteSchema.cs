using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ModelRegistry.Api.Tests.Persistence;

/// <summary>
/// A SQLite schema written as one line per table, column, key, index and foreign key, read either from a database file or
/// from an EF model, so the two can be compared line by line.
/// </summary>
public static class SqliteSchema
{
    /// <summary>The schema a relational model describes.</summary>
    public static SortedSet<string> Of(IRelationalModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            lines.Add($"table {table.Name}");
            foreach (var column in table.Columns)
                lines.Add(Column(table.Name, column.Name, column.StoreType, column.IsNullable));
            if (table.PrimaryKey is { } key)
                lines.Add(PrimaryKey(table.Name, key.Columns.Select(c => c.Name)));
            foreach (var index in table.Indexes)
                lines.Add(Index(table.Name, index.Name, index.Columns.Select(c => c.Name), index.IsUnique));
            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
                lines.Add(Index(table.Name, "unique constraint", unique.Columns.Select(c => c.Name), unique: true));
            foreach (var foreignKey in table.ForeignKeyConstraints)
                lines.Add(ForeignKey(table.Name, foreignKey.Columns.Select(c => c.Name), foreignKey.PrincipalTable.Name,
                    foreignKey.PrincipalColumns.Select(c => c.Name), OnDelete(foreignKey.OnDeleteAction)));
        }
        return lines;
    }

    /// <summary>
    /// The schema of the EF-managed tables of an open database: the migrations' own bookkeeping tables and the full-text
    /// index (a virtual table and its shadow tables, which no EF model describes) are left out.
    /// </summary>
    public static async Task<SortedSet<string>> OfAsync(SqliteConnection connection)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        var virtualTables = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        foreach (var (table, _) in tables)
        {
            if (table.StartsWith("__EF", StringComparison.Ordinal) || virtualTables.Any(v => table == v || table.StartsWith(v + "_", StringComparison.Ordinal)))
                continue;
            lines.Add($"table {table}");
            var columns = await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")",
                r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) == 1, KeyOrder: r.GetInt64(5)));
            foreach (var column in columns)
                lines.Add(Column(table, column.Name, column.Type, !column.NotNull));
            if (columns.Any(c => c.KeyOrder > 0))
                lines.Add(PrimaryKey(table, columns.Where(c => c.KeyOrder > 0).OrderBy(c => c.KeyOrder).Select(c => c.Name)));
            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")",
                r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3)));
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                var indexColumns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Order: r.GetInt64(0), Name: r.GetString(2)));
                var names = indexColumns.OrderBy(c => c.Order).Select(c => c.Name);
                lines.Add(Index(table, index.Origin == "u" ? "unique constraint" : index.Name, names, index.Unique));
            }
            var foreignKeys = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")",
                r => (Id: r.GetInt64(0), Order: r.GetInt64(1), Principal: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(6)));
            foreach (var foreignKey in foreignKeys.GroupBy(f => f.Id))
            {
                var parts = foreignKey.OrderBy(f => f.Order).ToList();
                lines.Add(ForeignKey(table, parts.Select(p => p.From), parts[0].Principal, parts.Select(p => p.To), parts[0].OnDelete));
            }
        }
        return lines;
    }

    /// <summary>The lines one schema has and the other lacks, marked "+" (only in <paramref name="actual"/>) or "-" (only in <paramref name="expected"/>).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlySet<string> expected, IReadOnlySet<string> actual)
        => [.. expected.Except(actual).Select(l => "- " + l), .. actual.Except(expected).Select(l => "+ " + l)];

    private static string Column(string table, string name, string type, bool nullable)
        => $"column {table}.{name} {type.ToUpperInvariant()}{(nullable ? "" : " NOT NULL")}";

    private static string PrimaryKey(string table, IEnumerable<string> columns) => $"primary key {table} ({string.Join(", ", columns)})";

    private static string Index(string table, string name, IEnumerable<string> columns, bool unique)
        => $"{(unique ? "unique index" : "index")} {table}.{name} ({string.Join(", ", columns)})";

    private static string ForeignKey(string table, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns, string onDelete)
        => $"foreign key {table} ({string.Join(", ", columns)}) references {principal} ({string.Join(", ", principalColumns)}) on delete {onDelete}";

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }
}
