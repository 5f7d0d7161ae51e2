using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.GraphQL.Telemetry;
using Prometheus;

namespace ModelRegistry.Api.Telemetry;

/// <summary>
/// Serves this host's .NET meters (the registry's, the GraphQL toolkit's, ASP.NET Core's, the HTTP client's and the
/// runtime's) as Prometheus metrics in a collector registry of its own. The code records through
/// <see cref="System.Diagnostics.Metrics"/> only, so it depends on no exporter, and an OpenTelemetry metrics pipeline
/// could read the same instruments. prometheus-net's own MeterAdapter is not used: it exposes counters as gauges and
/// drops series after a few idle minutes, which breaks <c>increase()</c> in alert rules.
/// </summary>
public sealed class PrometheusMeterBridge : IDisposable
{
    /// <summary>The meters served.</summary>
    public static readonly IReadOnlySet<string> Meters = new HashSet<string>(StringComparer.Ordinal)
    {
        RegistryTelemetry.Name, GraphQLTelemetry.Name,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime",
    };

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly IMeterFactory _meters;

    /// <summary>Starts listening to the meters of <paramref name="meters"/> (and the process-wide runtime meter).</summary>
    public PrometheusMeterBridge(IMeterFactory meters)
    {
        _meters = meters;
        Registry = Metrics.NewCustomRegistry();
        _factory = Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);
        _listener.InstrumentPublished = Publish;
        _listener.SetMeasurementEventCallback<long>((i, m, t, s) => ((Sink)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<int>((i, m, t, s) => ((Sink)s!).Record(m, t));
        _listener.SetMeasurementEventCallback<double>((i, m, t, s) => ((Sink)s!).Record(m, t));
        _listener.Start();
        Registry.AddBeforeCollectCallback(() => _listener.RecordObservableInstruments());
    }

    /// <summary>The registry /metrics exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void Publish(Instrument instrument, MeterListener listener)
    {
        // Another host's meters (two hosts in one process, as in tests) are its own business; process-wide meters have no scope.
        if (!Meters.Contains(instrument.Meter.Name) || instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, _meters))
            return;
        if (Sink.For(instrument, _factory) is { } sink)
            listener.EnableMeasurementEvents(instrument, sink);
    }

    /// <summary>The Prometheus name of an instrument: dots to underscores, the unit as a suffix, <c>_total</c> on counters.</summary>
    public static string PrometheusName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
            name += unit;
        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    private static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        return type == typeof(Counter<>) || type == typeof(ObservableCounter<>);
    }

    private static double[] BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        _ => instrument.Unit == "s" ? SecondsBuckets : Histogram.ExponentialBuckets(1, 4, 12),
    };

    /// <summary>Where one instrument's measurements go: a Prometheus collector per set of tag names.</summary>
    private sealed class Sink
    {
        private readonly Func<string[], Action<string[], double>> _create;
        private readonly ConcurrentDictionary<string, Action<string[], double>> _byLabels = new(StringComparer.Ordinal);

        private Sink(Func<string[], Action<string[], double>> create) => _create = create;

        public static Sink? For(Instrument instrument, IMetricFactory factory)
        {
            var name = PrometheusName(instrument);
            var help = string.IsNullOrEmpty(instrument.Description) ? instrument.Name : instrument.Description;
            var type = instrument.GetType().GetGenericTypeDefinition();
            if (type == typeof(Counter<>))
                return new(labels => { var c = factory.CreateCounter(name, help, labels); return (v, x) => c.WithLabels(v).Inc(x); });
            if (type == typeof(ObservableCounter<>))
                return new(labels => { var c = factory.CreateCounter(name, help, labels); return (v, x) => c.WithLabels(v).IncTo(x); });
            if (type == typeof(UpDownCounter<>))
                return new(labels => { var g = factory.CreateGauge(name, help, labels); return (v, x) => g.WithLabels(v).Inc(x); });
            if (type == typeof(Gauge<>) || type == typeof(ObservableGauge<>) || type == typeof(ObservableUpDownCounter<>))
                return new(labels => { var g = factory.CreateGauge(name, help, labels); return (v, x) => g.WithLabels(v).Set(x); });
            if (type == typeof(Histogram<>))
            {
                var buckets = BucketsOf(instrument);
                return new(labels =>
                {
                    var h = factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = buckets });
                    return (v, x) => h.WithLabels(v).Observe(x);
                });
            }
            return null;
        }

        public void Record<T>(T measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
        {
            var sorted = tags.ToArray();
            Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
            var names = new string[sorted.Length];
            var values = new string[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                names[i] = sorted[i].Key.Replace('.', '_').Replace('-', '_');
                values[i] = sorted[i].Value?.ToString() ?? "";
            }
            var record = _byLabels.GetOrAdd(string.Join(',', names), _ => _create(names));
            record(values, Convert.ToDouble(measurement, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
