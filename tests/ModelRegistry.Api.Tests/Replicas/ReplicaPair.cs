using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Replicas;

/// <summary>
/// Two API replicas (two hosts in this process, each with its own data directory) on one PostgreSQL database, sharing the
/// audit anchor key as replicas must. PostgreSQL only: it fails, naming the variable, when no cluster is given.
/// </summary>
public sealed class ReplicaPair : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "model-registry-replicas", Guid.NewGuid().ToString("N"));
    private readonly string _database = "replicas_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Replica A.</summary>
    public Replica A { get; private set; } = null!;

    /// <summary>Replica B.</summary>
    public Replica B { get; private set; } = null!;

    /// <summary>The shared database's connection string.</summary>
    public string ConnectionString => TestDatabase.NamedConnectionString(_database);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        TestDatabase.RequirePostgres();
        Directory.CreateDirectory(_root);
        A = new Replica(this, Path.Combine(_root, "a"));
        B = new Replica(this, Path.Combine(_root, "b"));
        // Started together, as two replicas on an empty database would be: the start-up lock lets one migrate.
        await Task.WhenAll(Task.Run(() => _ = A.Server), Task.Run(() => _ = B.Server));
        await ImmediatePromotionPolicy.ApplyAsync(A.Services);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (A is not null)
            await A.DisposeAsync();
        if (B is not null)
            await B.DisposeAsync();
        await TestDatabase.DropNamedAsync(_database);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder.
        }
    }

    /// <summary>One replica.</summary>
    public sealed class Replica(ReplicaPair pair, string dataDirectory) : WebApplicationFactory<Program>
    {
        /// <summary>A GraphQL client of this replica as the bootstrap admin.</summary>
        public GraphQLClient GraphQL() => new(CreateClient().AsAdmin());

        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(dataDirectory);
            builder.UseSetting("Registry:DataDirectory", dataDirectory);
            builder.UseSetting("Registry:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Registry", pair.ConnectionString);
            builder.UseSetting("Registry:Audit:AnchorKeyPath", Path.Combine(pair._root, "audit-anchor.key"));
            builder.UseBootstrapAdminKey();
        }
    }
}
