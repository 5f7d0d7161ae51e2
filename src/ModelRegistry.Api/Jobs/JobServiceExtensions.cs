using Hangfire;
using Hangfire.Dashboard;

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
        // Storage of this host, not Hangfire's process-wide default: two hosts in one process (tests) keep their jobs apart.
        services.AddSingleton(_ => settings.CreateStorage());
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(1, settings.WorkerCount));
        services.AddScoped<AuditVerificationJob>();
        return services;
    }

    /// <summary>Schedules the recurring jobs and serves the dashboard; call after the registry's authentication middleware.</summary>
    public static WebApplication UseRegistryJobs(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<JobSettings>();
        _ = app.Services.GetRequiredService<IGlobalConfiguration>();
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<AuditVerificationJob>(
            AuditVerificationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), settings.AuditVerificationCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
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
