using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
        if (settings.Port is { } port)
            app.Lifetime.ApplicationStarted.Register(() => WarnUnlessListening(app, port));
        else
            app.MapGet(MetricsSettings.Path, MetricsEndpoint.ServeToAdminAsync);
        return app;
    }

    // A metrics port the server does not listen on serves /metrics nowhere, silently; say so once, at start.
    private static void WarnUnlessListening(WebApplication app, int port)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Count == 0 || addresses.Any(a => Uri.TryCreate(a.Replace("+", "localhost").Replace("*", "localhost"), UriKind.Absolute, out var uri) && uri.Port == port))
            return;
        app.Logger.LogWarning("Registry:Metrics:Port is {Port}, but the registry listens only on {Addresses}: /metrics is served nowhere. Add http://+:{Port} to ASPNETCORE_URLS.",
            port, string.Join(", ", addresses), port);
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
