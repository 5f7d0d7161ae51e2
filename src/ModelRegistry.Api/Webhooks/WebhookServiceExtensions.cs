using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Postgres;

namespace ModelRegistry.Api.Webhooks;

/// <summary>Webhook wiring: settings, the secret key ring, the HTTP client, the dispatcher and a Hangfire server of its own.</summary>
public static class WebhookServiceExtensions
{
    /// <summary>
    /// Registers webhooks. The key ring lives in Registry:Webhooks:KeyDirectory when set; otherwise in the database on
    /// PostgreSQL, so that a secret one replica encrypted is readable by all; otherwise in the data directory.
    /// </summary>
    public static IServiceCollection AddRegistryWebhooks(this IServiceCollection services, IConfiguration configuration, RegistryPersistenceOptions persistence)
    {
        var settings = WebhookSettings.From(configuration);
        if (settings.MaxAttempts < 1 || settings.TimeoutSeconds <= 0 || (settings.RetryDelaysSeconds ?? []).Any(d => d < 0))
            throw new InvalidOperationException("Registry:Webhooks needs MaxAttempts >= 1, TimeoutSeconds > 0 and non-negative RetryDelaysSeconds.");
        services.AddSingleton(settings);
        services.AddSingleton(new WebhookOptions { AllowPlainHttp = settings.AllowPlainHttp });
        var keyRing = services.AddDataProtection().SetApplicationName("model-registry");
        if (settings.KeyDirectory is null && persistence.IsPostgres)
            keyRing.PersistKeysToDbContext<PostgresRegistryDbContext>();
        else
            keyRing.PersistKeysToFileSystem(new DirectoryInfo(settings.KeyDirectory ?? Path.Combine(Path.GetFullPath(persistence.DataDirectory), "keys")));
        services.AddSingleton<IWebhookSecretProtector, DataProtectionSecretProtector>();
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddScoped<WebhookDeliveryJob>().AddScoped<WebhookCatchUpJob>();
        services.AddHostedService<WebhookDispatcher>();
        // Deliveries wait on remote receivers for up to the timeout; their own workers keep them from delaying other jobs.
        services.AddHangfireServer((provider, o) =>
        {
            // Jobs resolve from this host's container, not from Hangfire's process-wide activator, which names whichever
            // host configured Hangfire last (two hosts in one process, as in tests, would run each other's jobs).
            o.Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
            o.ServerName = $"{Environment.MachineName}:webhooks:{Guid.NewGuid():N}";
            o.Queues = [WebhookSettings.Queue];
            o.WorkerCount = Math.Max(1, settings.WorkerCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, settings.SchedulePollingSeconds));
            o.FilterProvider = new WebhookRetryFilterProvider(settings);
        });
        return services;
    }
}
