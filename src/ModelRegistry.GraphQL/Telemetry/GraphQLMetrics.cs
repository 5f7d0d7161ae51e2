using System.Diagnostics;
using System.Diagnostics.Metrics;
using GraphQL;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Telemetry;

/// <summary>
/// The toolkit's instruments: operations by type and name, their duration, errors by <c>extensions.code</c>, and the live
/// transports (connections and subscriptions by protocol, results delivered, subscribers dropped as slow consumers).
/// On a meter of the host's <see cref="IMeterFactory"/>, so two hosts in one process keep their numbers apart.
/// </summary>
public sealed class GraphQLMetrics
{
    /// <summary>The protocol label of event-stream (SSE) subscriptions.</summary>
    public const string SseProtocol = "sse";

    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly OperationLabels _labels = new();
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _subscriptions;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _dropped;

    /// <summary>Creates the instruments on the meter named <see cref="GraphQLTelemetry.Name"/>.</summary>
    public GraphQLMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(GraphQLTelemetry.Name);
        _operations = meter.CreateCounter<long>("graphql.operations", null, "GraphQL operations executed, by type and name.");
        _duration = meter.CreateHistogram("graphql.operation.duration", "s", "GraphQL operation execution time, by type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _errors = meter.CreateCounter<long>("graphql.errors", null, "Top-level GraphQL errors, by extensions.code and operation type.");
        _connections = meter.CreateUpDownCounter<long>("graphql.connections.active", null, "Open subscription connections, by protocol.");
        _subscriptions = meter.CreateUpDownCounter<long>("graphql.subscriptions.active", null, "Running subscriptions, by protocol.");
        _delivered = meter.CreateCounter<long>("graphql.subscription.events", null, "Subscription results handed to the transport, by protocol.");
        _dropped = meter.CreateCounter<long>("graphql.subscription.slow_consumer_drops", null,
            "Subscribers disconnected because they fell behind (buffer overflow), by protocol.");
    }

    /// <summary>Records one executed request and names <paramref name="span"/> after its operation.</summary>
    public void Record(ExecutionResult result, GraphQLOperationDefinition? operation, TimeSpan elapsed, Activity? span)
    {
        var type = OperationLabels.TypeOf(operation);
        var name = _labels.NameOf(operation);
        _operations.Add(1, new("type", type), new("name", name));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("type", type));
        if (result.Errors is { Count: > 0 } errors)
            foreach (var error in errors)
                _errors.Add(1, new("code", OperationLabels.CodeOf(error)), new("type", type));
        Name(span, result, operation);
    }

    /// <summary>Names a span after the operation, as OpenTelemetry's GraphQL conventions do; the operation type alone when unnamed.</summary>
    public static void Name(Activity? span, ExecutionResult result, GraphQLOperationDefinition? operation)
    {
        if (span is null)
            return;
        var type = OperationLabels.TypeOf(operation);
        var name = operation?.Name?.StringValue;
        span.DisplayName = name is null ? type : $"{type} {name}";
        span.SetTag("graphql.operation.type", type);
        if (name is not null)
            span.SetTag("graphql.operation.name", name);
        if (result.Errors is { Count: > 0 } errors)
            span.SetStatus(ActivityStatusCode.Error, OperationLabels.CodeOf(errors[0]));
    }

    /// <summary>Counts an open connection of <paramref name="protocol"/> until the result is disposed.</summary>
    public IDisposable Connection(string protocol) => new Open(_connections, protocol);

    /// <summary>Counts a running subscription of <paramref name="protocol"/> until the result is disposed.</summary>
    public IDisposable Subscription(string protocol) => new Open(_subscriptions, protocol);

    /// <summary>Counts a result handed to a subscriber.</summary>
    public void Delivered(string protocol) => _delivered.Add(1, new KeyValuePair<string, object?>("protocol", protocol));

    /// <summary>Counts a subscriber dropped as a slow consumer.</summary>
    public void Dropped(string protocol) => _dropped.Add(1, new KeyValuePair<string, object?>("protocol", protocol));

    private sealed class Open : IDisposable
    {
        private readonly UpDownCounter<long> _counter;
        private readonly KeyValuePair<string, object?> _protocol;
        private int _closed;

        public Open(UpDownCounter<long> counter, string protocol)
        {
            _counter = counter;
            _protocol = new("protocol", protocol);
            counter.Add(1, _protocol);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                _counter.Add(-1, _protocol);
        }
    }
}
