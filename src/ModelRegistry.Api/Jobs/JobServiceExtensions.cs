using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Api.Jobs;

/// <summary>Hangfire wiring: storage, a small server, the recurring jobs and the admin-only dashboard.</summary>
public static class JobServiceExtensions
{
    /// <summary>The dashboard's path.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>Registers Hangfire with the storage and worker count of <see cref="JobSettings"/>, and the jobs.</summary>
    public static IServiceCollection AddRegistryJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = JobSettings.From(configuration);
        services.AddSingleton(settings);
        var monitoring = MonitoringSettings.From(configuration);
        services.AddSingleton(monitoring);
        // Before AddHangfire, which only adds its own filter provider when none is registered.
        services.AddSingleton<MonitoringRetryFilterProvider>();
        services.AddSingleton<Hangfire.Common.IJobFilterProvider>(sp => sp.GetRequiredService<MonitoringRetryFilterProvider>());
        // Storage of this host, not Hangfire's process-wide default: two hosts in one process (tests) keep their jobs apart.
        services.AddSingleton(sp => settings.CreateStorage(sp.GetRequiredService<RegistryPersistenceOptions>()));
        // Hangfire's log provider is process-wide: this host's provider turns a logger asked of a disposed host's factory
        // (two hosts in one process, as in tests) into a silent one instead of an exception that stops start-up.
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((sp, o) =>
        {
            o.WorkerCount = Math.Max(1, settings.WorkerCount);
            // This host's container and filters, not Hangfire's process-wide defaults: with two hosts in one process (tests),
            // a job would otherwise run in whichever host configured Hangfire last.
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
            o.FilterProvider = new TelemetryJobFilterProvider(sp.GetRequiredService<Hangfire.Common.IJobFilterProvider>(), sp.GetRequiredService<JobTelemetryFilter>());
        });
        services.AddSingleton<JobTelemetryFilter>();
        services.AddSingleton<DashboardSession>();
        services.AddScoped<AuditVerificationJob>();
        services.AddScoped<DeploymentMonitoringJob>().AddScoped<MonitoringSweepJob>().AddScoped<Monitoring.RunMonitoringNow>();
        var prometheusHosts = new Core.Monitoring.PrometheusHostPolicy(monitoring.AllowedPrometheusHosts);
        services.AddSingleton(prometheusHosts);
        services.AddHttpClient<Core.Monitoring.IMetricsSource, Infrastructure.Monitoring.PrometheusMetricsSource>(
                http => http.Timeout = TimeSpan.FromSeconds(Math.Max(1, monitoring.QueryTimeoutSeconds)))
            // Bindings stored before the allow-list existed, or before a host was removed from it, are refused at the call;
            // no redirects, so an allowed host cannot bounce the query to one that is not.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler(() => new PrometheusHostGuard(prometheusHosts));
        return services;
    }

    /// <summary>Schedules the recurring jobs and serves the dashboard; call after the registry's authentication middleware.</summary>
    public static WebApplication UseRegistryJobs(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<JobSettings>();
        _ = app.Services.GetRequiredService<IGlobalConfiguration>();
        // Built now, while Hangfire's process-wide log provider is this host's: built lazily it could reach a disposed host's.
        _ = app.Services.GetRequiredService<IBackgroundJobClient>();
        // Likewise Hangfire's static filter list, which the retry filter providers read on the first enqueue: a static
        // constructor that fails once (on a disposed host's logger) breaks every later enqueue in the process.
        _ = JobFilterProviders.Providers;
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AuditVerificationJob>(
            AuditVerificationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), settings.AuditVerificationCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<MonitoringSweepJob>(
            MonitoringSweepJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            app.Services.GetRequiredService<MonitoringSettings>().Schedule, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.UseDashboardSignIn();
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DashboardTitle = "Model Registry jobs",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
