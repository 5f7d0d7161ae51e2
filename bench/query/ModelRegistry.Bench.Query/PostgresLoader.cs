using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace ModelRegistry.Bench.Query;

/// <summary>
/// Puts the data set <see cref="RegistryGenerator"/> wrote into a PostgreSQL database: the Api's own PostgreSQL
/// migrations make the schema, binary COPY moves every row of the generated SQLite file with its id, so both providers
/// are measured on the same rows.
/// </summary>
/// <remarks>
/// The COPY runs with <c>session_replication_role = replica</c>, which holds back the search-index triggers (and the
/// foreign-key checks, which the SQLite file already passed); the search rows are then rebuilt with
/// <c>registry_search_refresh</c>, the function those triggers call, so search answers on the loaded data as it would
/// had every row been written through the Api. Identity sequences are moved past the loaded ids, and a
/// <c>VACUUM (ANALYZE)</c> leaves the tables with statistics and a visibility map, so no autovacuum pass starts in the
/// middle of a measurement. Like the SQLite generator it writes no audit events: the log is empty and start-up anchors it.
/// </remarks>
public static class PostgresLoader
{
    /// <summary>The tables the generator fills, parents first, each with the search kind its triggers index it as.</summary>
    private static readonly (string Table, string? SearchKind)[] Tables =
    [
        ("Datasets", "Dataset"),
        ("DatasetVersions", "DatasetVersion"),
        ("ConsumerApplications", "ConsumerApplication"),
        ("Models", "Model"),
        ("ModelVersions", "ModelVersion"),
        ("Metrics", null),
        ("Deployments", "Deployment"),
        ("LineageEdges", null),
    ];

    private const int SearchBatch = 5000;

    /// <summary>Migrates the (empty) database <paramref name="options"/> names, copies the SQLite data set into it and reports the times.</summary>
    /// <exception cref="InvalidOperationException">The SQLite data set is missing, or the database already holds models.</exception>
    public static async Task LoadAsync(BenchOptions options, TextWriter log)
    {
        var sqlitePath = Path.Combine(Path.GetFullPath(options.DataDirectory), "registry.db");
        if (!File.Exists(sqlitePath))
            throw new InvalidOperationException($"No data set at {sqlitePath}: run 'generate --data {options.DataDirectory}' first.");

        var migrate = Stopwatch.StartNew();
        await using (var services = new ServiceCollection()
                         .AddLogging()
                         .AddRegistryInfrastructure(options.Persistence())
                         .BuildServiceProvider())
        {
            await services.MigrateRegistryAsync();
        }
        log.WriteLine($"schema by migrations: {migrate.ElapsedMilliseconds} ms");

        var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString) { CommandTimeout = 0, Pooling = false };
        await using var postgres = new NpgsqlConnection(builder.ConnectionString);
        await postgres.OpenAsync();
        if (await ScalarAsync(postgres, null, """SELECT count(*) FROM "Models" """) is long and > 0)
            throw new InvalidOperationException("The PostgreSQL database already holds models; give load-postgres an empty database.");
        await using var sqlite = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();

        var total = Stopwatch.StartNew();
        await using (var transaction = await postgres.BeginTransactionAsync())
        {
            await ExecuteAsync(postgres, transaction, "SET LOCAL session_replication_role = replica; SET LOCAL maintenance_work_mem = '256MB';");
            foreach (var (table, _) in Tables)
            {
                var copy = Stopwatch.StartNew();
                var rows = await CopyTableAsync(sqlite, postgres, table);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COPY {table}: {rows:N0} rows, {copy.Elapsed.TotalSeconds:F1} s"));
            }
            await ExecuteAsync(postgres, transaction, "SET LOCAL session_replication_role = origin;");

            foreach (var (table, _) in Tables)
                await ExecuteAsync(postgres, transaction,
                    $"""SELECT setval(pg_get_serial_sequence('"{table}"', 'Id'), (SELECT coalesce(max("Id"), 0) + 1 FROM "{table}"), false);""");

            var search = Stopwatch.StartNew();
            long indexed = 0;
            foreach (var (table, kind) in Tables)
            {
                if (kind is null)
                    continue;
                var maxId = (long)(await ScalarAsync(postgres, transaction, $"""SELECT coalesce(max("Id"), 0) FROM "{table}" """))!;
                for (long from = 1; from <= maxId; from += SearchBatch)
                {
                    await using var refresh = new NpgsqlCommand(
                        $"""SELECT registry_search_refresh(@kind, ARRAY(SELECT "Id" FROM "{table}" WHERE "Id" BETWEEN @from AND @to))""",
                        postgres, transaction);
                    refresh.Parameters.AddWithValue("kind", kind);
                    refresh.Parameters.AddWithValue("from", from);
                    refresh.Parameters.AddWithValue("to", from + SearchBatch - 1);
                    await refresh.ExecuteNonQueryAsync();
                }
                indexed += maxId;
            }
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"search index rebuilt by registry_search_refresh: {indexed:N0} rows, {search.Elapsed.TotalSeconds:F1} s"));
            await transaction.CommitAsync();
        }
        var commit = total.Elapsed;

        var vacuum = Stopwatch.StartNew();
        await ExecuteAsync(postgres, null, "VACUUM (ANALYZE);");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VACUUM (ANALYZE): {vacuum.Elapsed.TotalSeconds:F1} s"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {total.Elapsed.TotalSeconds:F1} s (copy, sequences and search index {commit.TotalSeconds:F1} s)"));
        var size = await ScalarAsync(postgres, null, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        log.WriteLine($"database size: {size}");
    }

    // Streams one table from SQLite to PostgreSQL, column by column in PostgreSQL's order, converting SQLite's storage
    // (timestamps as text, lists as JSON text) into the typed values the PostgreSQL columns hold.
    private static async Task<long> CopyTableAsync(SqliteConnection sqlite, NpgsqlConnection postgres, string table)
    {
        var columns = new List<(string Name, string Type)>();
        await using (var describe = new NpgsqlCommand(
                         "SELECT column_name, CASE WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END FROM information_schema.columns " +
                         "WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position", postgres))
        {
            describe.Parameters.AddWithValue("table", table);
            await using var reader = await describe.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        if (columns.Count == 0)
            throw new InvalidOperationException($"The PostgreSQL database has no table \"{table}\".");

        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var select = sqlite.CreateCommand();
        select.CommandText = $"SELECT {names} FROM \"{table}\" ORDER BY \"Id\"";
        await using var rows = await select.ExecuteReaderAsync();
        await using var import = await postgres.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
        long count = 0;
        while (await rows.ReadAsync())
        {
            import.StartRow();
            for (var i = 0; i < columns.Count; i++)
                Write(import, rows, i, table, columns[i]);
            count++;
        }
        await import.CompleteAsync();
        return count;
    }

    private static void Write(NpgsqlBinaryImporter import, SqliteDataReader row, int i, string table, (string Name, string Type) column)
    {
        if (row.IsDBNull(i))
        {
            import.WriteNull();
            return;
        }
        switch (column.Type)
        {
            case "bigint": import.Write(row.GetInt64(i), NpgsqlDbType.Bigint); break;
            case "integer": import.Write(row.GetInt32(i), NpgsqlDbType.Integer); break;
            case "double precision": import.Write(row.GetDouble(i), NpgsqlDbType.Double); break;
            case "boolean": import.Write(row.GetBoolean(i), NpgsqlDbType.Boolean); break;
            case "text" or "character varying": import.Write(row.GetString(i), NpgsqlDbType.Text); break;
            case "timestamp with time zone":
                import.Write(DateTime.Parse(row.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    NpgsqlDbType.TimestampTz);
                break;
            case "_text": import.Write(JsonSerializer.Deserialize<string[]>(row.GetString(i)) ?? [], NpgsqlDbType.Array | NpgsqlDbType.Text); break;
            default: throw new InvalidOperationException($"No conversion from SQLite for {table}.{column.Name} ({column.Type}).");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync();
    }
}
