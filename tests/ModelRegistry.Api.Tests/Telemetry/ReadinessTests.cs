using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Infrastructure;
using Npgsql;

namespace ModelRegistry.Api.Tests.Telemetry;

/// <summary>
/// /readyz against a database that really goes away and comes back: on SQLite the registry's file is moved aside (as
/// when its volume is unmounted) and a directory stands in its place; on PostgreSQL the database stops accepting
/// connections and the open ones are terminated.
/// </summary>
public sealed class ReadinessTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Readyz_answers_503_naming_the_database_while_it_is_unreachable_and_200_once_it_is_back()
    {
        var http = factory.CreateClient();
        var (status, body) = await ReadyzAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("checks").GetProperty("migrations").GetString());

        var outage = await DatabaseOutage.StartAsync(factory);
        try
        {
            (status, body) = await ReadyzAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("not ready", body.GetProperty("status").GetString());
            var notReady = body.GetProperty("notReady").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Contains("database", notReady);
            Assert.Contains("migrations", notReady);
            Assert.Equal("ok", body.GetProperty("checks").GetProperty("jobStorage").GetString());
            // The reasons name the part, never where it is.
            Assert.DoesNotContain("Data Source", body.ToString());
        }
        finally
        {
            await outage.EndAsync();
        }

        await WaitUntilReadyAsync(http);
    }

    [Fact]
    public async Task Readyz_needs_no_credentials_even_where_anonymous_callers_may_not_read()
    {
        var (status, _) = await ReadyzAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<(HttpStatusCode, JsonElement)> ReadyzAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    // The PostgreSQL event listener reconnects with a back-off of up to 5 s, so readiness may trail the database a little.
    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (status, body) = await ReadyzAsync(http);
            if (status == HttpStatusCode.OK)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"/readyz stayed {(int)status} after the database came back: {body}");
            await Task.Delay(250);
        }
    }

    /// <summary>Takes the host's database away for real, and gives it back.</summary>
    private sealed class DatabaseOutage
    {
        private readonly Func<Task> _end;

        private DatabaseOutage(Func<Task> end) => _end = end;

        public Task EndAsync() => _end();

        public static async Task<DatabaseOutage> StartAsync(RegistryApiFactory factory)
        {
            var options = factory.Services.GetRequiredService<RegistryPersistenceOptions>();
            return options.IsPostgres ? await RefuseConnectionsAsync(options) : MoveFileAside(options);
        }

        private static DatabaseOutage MoveFileAside(RegistryPersistenceOptions options)
        {
            var connectionString = options.ResolveSqliteConnectionString();
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            ClearPool(connectionString);
            string[] parts = [file, file + "-wal", file + "-shm"];
            foreach (var part in parts.Where(File.Exists))
                File.Move(part, part + ".away");
            Directory.CreateDirectory(file);
            return new DatabaseOutage(() =>
            {
                Directory.Delete(file);
                foreach (var part in parts.Where(p => File.Exists(p + ".away")))
                    File.Move(part + ".away", part);
                ClearPool(connectionString);
                return Task.CompletedTask;
            });
        }

        private static async Task<DatabaseOutage> RefuseConnectionsAsync(RegistryPersistenceOptions options)
        {
            var connectionString = options.ResolvePostgresConnectionString();
            var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            await TestDatabase.AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
            await TestDatabase.AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
            using (var pooled = new NpgsqlConnection(connectionString))
                NpgsqlConnection.ClearPool(pooled);
            return new DatabaseOutage(() => TestDatabase.AdminAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true"));
        }

        private static void ClearPool(string connectionString)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
