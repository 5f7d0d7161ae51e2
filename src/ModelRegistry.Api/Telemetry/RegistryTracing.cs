using ModelRegistry.Core.Telemetry;
using ModelRegistry.GraphQL.Telemetry;
using OpenTelemetry.Trace;

namespace ModelRegistry.Api.Telemetry;

/// <summary>What the registry traces, in one place for the OTLP pipeline and for tests that read spans in memory.</summary>
public static class RegistryTracing
{
    /// <summary>Paths probed often enough that their spans would drown the rest.</summary>
    private static readonly string[] Unsampled = ["/healthz", Extensions.StartupExtensions.ReadinessPath, MetricsSettings.Path];

    /// <summary>
    /// Adds the registry's sources (write path, jobs, fan-out, uploads, database commands), the GraphQL operation source,
    /// incoming requests (except the probes and /metrics) and outgoing HTTP (Prometheus queries, webhook deliveries).
    /// </summary>
    public static TracerProviderBuilder AddRegistrySources(this TracerProviderBuilder tracing)
        => tracing
            .AddSource(RegistryTelemetry.Name, GraphQLTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !Unsampled.Any(p => http.Request.Path.StartsWithSegments(p)))
            .AddHttpClientInstrumentation();
}
