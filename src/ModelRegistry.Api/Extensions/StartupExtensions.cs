using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Seed;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Extensions;

/// <summary>What the host does before it serves: migrate, seed, or print the schema.</summary>
public static class StartupExtensions
{
    /// <summary>The printed schema, as checked in at schema/schema.graphql.</summary>
    public static string PrintSchema(this IServiceProvider services)
        => services.GetRequiredService<ISchema>().Print(new PrintOptions { IncludeDeprecationReasons = true, IncludeDescriptions = true });

    /// <summary>Applies migrations and, when asked and the registry is empty, loads the demo organisation.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, RegistrySettings settings, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupExtensions))
            .LogInformation("Registry data directory: {DataDirectory}", settings.Persistence.DataDirectory);
        // Replicas sharing a database take turns: the first migrates (and seeds), the others then find nothing to do.
        await using var startup = await services.GetRequiredService<IStartupLock>().AcquireAsync(cancellationToken);
        await services.MigrateRegistryAsync(cancellationToken);
        if (settings.Seed is null)
            return;
        if (!string.Equals(settings.Seed, "demo", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown seed '{settings.Seed}'; the only seed is 'demo'.");
        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Models.AnyAsync(cancellationToken))
            return;
        await new DemoOrganisation(scope.ServiceProvider).LoadAsync(cancellationToken);
    }

    /// <summary>Maps the health probe: 200 once the database answers, 503 otherwise.</summary>
    public static void MapHealth(this WebApplication app)
        => app.MapGet("/healthz", async (RegistryDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Ok(new { status = "healthy" }) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
}
