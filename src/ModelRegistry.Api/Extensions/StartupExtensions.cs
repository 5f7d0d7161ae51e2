using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Health;
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
        // Built now: an unusable Registry:Jobs:Storage stops start-up here, and Hangfire's PostgreSQL schema is installed
        // under the start-up lock, so replicas starting together do not race to create it. Hangfire's configuration first:
        // it makes this host's logging Hangfire's process-wide log provider, which the storage captures when built.
        _ = services.GetRequiredService<Hangfire.IGlobalConfiguration>();
        _ = services.GetRequiredService<Hangfire.JobStorage>();
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

    /// <summary>
    /// Maps the probes: <c>/healthz</c> (liveness: 200 once the database answers, 503 otherwise) and <c>/readyz</c>
    /// (readiness: 200 when every <see cref="RegistryReadiness"/> check passes, else 503 naming what is not ready).
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapGet("/healthz", async (RegistryDbContext db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Ok(new { status = "healthy" }) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet(ReadinessPath, async (RegistryReadiness readiness, CancellationToken ct) =>
        {
            var checks = await readiness.CheckAsync(ct);
            var ready = checks.All(c => c.Ready);
            return Results.Json(new
            {
                status = ready ? "ready" : "not ready",
                notReady = checks.Where(c => !c.Ready).Select(c => c.Name).ToList(),
                checks = checks.ToDictionary(c => c.Name, c => c.Detail),
            }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    /// <summary>The readiness probe's path.</summary>
    public const string ReadinessPath = "/readyz";
}
