using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>
/// Which database the test hosts run on. By default each host keeps a SQLite file in its own data directory. When
/// <see cref="PostgresVariable"/> holds an admin connection string to a (throwaway) PostgreSQL cluster, the same tests run
/// on PostgreSQL instead: each host gets a database of its own, named after its data directory, created by the
/// registry's start-up and dropped by <see cref="DropAsync"/>.
/// </summary>
public static class TestDatabase
{
    /// <summary>The environment variable naming the PostgreSQL cluster to run on.</summary>
    public const string PostgresVariable = "REGISTRY_TEST_POSTGRES";

    /// <summary>Tests that only make sense on SQLite (its file, pragmas and migration history) carry this trait value.</summary>
    public const string SqliteOnly = "SqliteOnly";

    /// <summary>The admin connection string, or null when the tests run on SQLite.</summary>
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Whether this run is on PostgreSQL.</summary>
    public static bool IsPostgres => PostgresAdmin is not null;

    /// <summary>Points the host at its own database: nothing to do on SQLite; on PostgreSQL, a database named after <paramref name="dataDirectory"/>.</summary>
    public static IWebHostBuilder UseTestDatabase(this IWebHostBuilder builder, string dataDirectory)
    {
        foreach (var (key, value) in Settings(dataDirectory))
            builder.UseSetting(key, value);
        return builder;
    }

    /// <summary>The settings that choose the database, for hosts configured from a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Settings(string dataDirectory)
        => PostgresAdmin is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string>
            {
                ["Registry:Database:Provider"] = "Postgres",
                ["ConnectionStrings:Registry"] = ConnectionString(dataDirectory),
            };

    /// <summary>The connection string of the host's database on the cluster.</summary>
    public static string ConnectionString(string dataDirectory)
        => new NpgsqlConnectionStringBuilder(PostgresAdmin)
        {
            Database = DatabaseName(dataDirectory),
            // Many hosts come and go in one run; idle connections of finished ones must not fill the cluster.
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
            MaxPoolSize = 20,
        }.ConnectionString;

    /// <summary>Drops the host's database (after the host stopped), when the run is on PostgreSQL.</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        if (PostgresAdmin is not { } admin)
            return;
        using (var pooled = new NpgsqlConnection(ConnectionString(dataDirectory)))
            NpgsqlConnection.ClearPool(pooled);
        var maintenance = new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(dataDirectory)}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string DatabaseName(string dataDirectory)
        => "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];
}
