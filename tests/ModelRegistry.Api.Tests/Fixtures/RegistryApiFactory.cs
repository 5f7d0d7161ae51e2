using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>
/// The real Api host on a real SQLite file in a data directory of its own, created for one test class and deleted after it.
/// </summary>
public class RegistryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The temporary data directory holding registry.db.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "model-registry-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The seed to load at start-up, or null for an empty registry.</summary>
    protected virtual string? Seed => null;

    /// <summary>
    /// Whether the fixture installs <see cref="ImmediatePromotionPolicy"/> at start, so PRODUCTION promotions apply at once.
    /// </summary>
    protected virtual bool PromotesToProductionAtOnce => true;

    /// <summary>A client that speaks GraphQL over HTTP to the host as the bootstrap admin (<see cref="TestCredentials.AdminKey"/>).</summary>
    public GraphQLClient GraphQL() => new(CreateClient().AsAdmin());

    /// <summary>A client that sends <paramref name="apiKey"/> with every request.</summary>
    public GraphQLClient GraphQL(string apiKey)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Add(TestCredentials.Header, apiKey);
        return new GraphQLClient(http);
    }

    /// <summary>A client that sends no credentials at all.</summary>
    public GraphQLClient AnonymousGraphQL() => new(CreateClient());

    /// <summary>Every audit event, in sequence order, read straight from the database.</summary>
    public async Task<List<AuditEvent>> AuditEventsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>Runs <paramref name="change"/> on a database context of the host, for tests that tamper with stored rows.</summary>
    public async Task ChangeDatabaseAsync(Func<RegistryDbContext, Task> change)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        await change(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:DataDirectory", DataDirectory);
        builder.UseTestDatabase(DataDirectory);
        builder.UseBootstrapAdminKey();
        if (Seed is not null)
            builder.UseSetting("Registry:Seed", Seed);
    }

    /// <summary>Starts the host (migrations and seed run at start-up), so a broken start fails the fixture, not a random test.</summary>
    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _ = Server;
        if (PromotesToProductionAtOnce)
            await ImmediatePromotionPolicy.ApplyAsync(Services);
    }

    /// <summary>Stops the host and deletes the data directory.</summary>
    Task IAsyncLifetime.DisposeAsync() => HostDataDirectory.StopAndDeleteAsync(this, DataDirectory);
}

/// <summary>The Api host started with the demo organisation (Registry:Seed=demo) and its promotion policies as shipped.</summary>
public sealed class DemoRegistryApiFactory : RegistryApiFactory
{
    /// <inheritdoc />
    protected override string? Seed => "demo";

    /// <inheritdoc />
    protected override bool PromotesToProductionAtOnce => false;
}

/// <summary>The Api host with the built-in promotion policy: PRODUCTION needs one approval.</summary>
public sealed class DefaultPolicyRegistryApiFactory : RegistryApiFactory
{
    /// <inheritdoc />
    protected override bool PromotesToProductionAtOnce => false;
}
