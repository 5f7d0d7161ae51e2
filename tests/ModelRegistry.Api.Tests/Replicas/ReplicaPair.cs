using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using Npgsql;

namespace ModelRegistry.Api.Tests.Replicas;

/// <summary>
/// One replica of the registry: its own data directory (anchor, logs, local keys), the database and anchor key it shares
/// with the other, Hangfire on PostgreSQL, and an artifact folder that is the shared one (a link, as a mounted volume is).
/// </summary>
public sealed class ReplicaHost(string dataDirectory, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services)
    : WebApplicationFactory<Program>
{
    /// <summary>A client of this replica speaking GraphQL as the bootstrap admin.</summary>
    public GraphQLClient GraphQL() => new(CreateClient().AsAdmin());

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:DataDirectory", dataDirectory);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.UseBootstrapAdminKey();
        if (services is not null)
            builder.ConfigureTestServices(services);
    }
}

/// <summary>Two replicas on one PostgreSQL database, started one after the other, as behind a load balancer.</summary>
public sealed class ReplicaPair : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "model-registry-replicas", Guid.NewGuid().ToString("N"));

    private ReplicaPair(IReadOnlyDictionary<string, string>? extra, Action<IServiceCollection>? services)
    {
        TestDatabase.RequirePostgres();
        var shared = Path.Combine(_root, "shared");
        Directory.CreateDirectory(Path.Combine(shared, "artifacts"));
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>())
        {
            ["Registry:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Registry"] = TestDatabase.ConnectionString(shared),
            ["Registry:Audit:AnchorKeyPath"] = Path.Combine(shared, "keys", "audit-anchor.key"),
            ["Registry:Jobs:Storage"] = "Postgres",
        };
        A = new ReplicaHost(DataDirectory("a", shared), settings, services);
        B = new ReplicaHost(DataDirectory("b", shared), settings, services);
    }

    /// <summary>The first replica.</summary>
    public ReplicaHost A { get; }

    /// <summary>The second replica.</summary>
    public ReplicaHost B { get; }

    /// <summary>Starts both replicas (migrations run once, under the start-up lock).</summary>
    public static ReplicaPair Start(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var pair = new ReplicaPair(settings, services);
        _ = pair.A.Server;
        _ = pair.B.Server;
        return pair;
    }

    /// <summary>Runs <paramref name="sql"/> on the shared database and returns the first column of every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString(Path.Combine(_root, "shared")));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await TestDatabase.DropAsync(Path.Combine(_root, "shared"));
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder; a file still held open must not fail the run.
        }
    }

    private string DataDirectory(string name, string shared)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        Directory.CreateSymbolicLink(Path.Combine(directory, "artifacts"), Path.Combine(shared, "artifacts"));
        return directory;
    }
}
