using Microsoft.Extensions.Configuration.Memory;
using ModelRegistry.Api.Health;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelRegistry.Api.Telemetry;

/// <summary>Metrics at /metrics, readiness, and traces over OTLP when an endpoint is configured.</summary>
public static class TelemetryServiceExtensions
{
    /// <summary>OpenTelemetry's standard variable; traces are exported only when it is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name traces carry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "model-registry";

    /// <summary>Registers the metrics bridge, the scrape-time state gauges, the readiness checks and, when configured, tracing.</summary>
    public static WebApplicationBuilder AddRegistryTelemetry(this WebApplicationBuilder builder)
    {
        var metrics = MetricsSettings.From(builder.Configuration);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton<PrometheusMeterBridge>();
        builder.Services.AddSingleton(sp => new RegistryStateGauges(
            sp.GetRequiredService<PrometheusMeterBridge>().Registry, sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Webhooks.WebhookSettings>(), sp.GetRequiredService<ILogger<RegistryStateGauges>>()));
        builder.Services.AddSingleton<RegistryReadiness>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            AddTracing(builder);
        return builder;
    }

    /// <summary>
    /// Serves /metrics (before the registry's authentication, which would refuse a scrape key) and starts listening to
    /// the meters; call before the principal middleware.
    /// </summary>
    public static WebApplication UseRegistryTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MetricsSettings>();
        if (!settings.Enabled)
            return app;
        _ = app.Services.GetRequiredService<RegistryStateGauges>();
        app.UseMiddleware<MetricsEndpoint>();
        if (settings.Port is null)
            app.MapGet(MetricsSettings.Path, MetricsEndpoint.ServeToAdminAsync);
        return app;
    }

    // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself. Log lines then carry the trace
    // and span ids (console scopes on by default, like any default here overridable in configuration).
    private static void AddTracing(WebApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            // The formatter named: without a name the console logger ignores FormatterOptions and prints no scopes.
            InitialData =
            [
                new("Logging:Console:FormatterName", "simple"),
                new("Logging:Console:FormatterOptions:IncludeScopes", "true"),
            ],
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddRegistrySources().AddOtlpExporter());
    }
}
