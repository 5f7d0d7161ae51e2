using System.Diagnostics;

namespace ModelRegistry.Core.Telemetry;

/// <summary>
/// The registry's own trace spans: the write path, event fan-out, jobs, artifact uploads and database commands. With no
/// tracer provider listening (OTLP export is off), <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and a span costs one check.
/// </summary>
public static class RegistryTelemetry
{
    /// <summary>The name of the registry's activity source and meter.</summary>
    public const string Name = "ModelRegistry";

    /// <summary>The source of the registry's spans.</summary>
    public static readonly ActivitySource Source = new(Name);
}
