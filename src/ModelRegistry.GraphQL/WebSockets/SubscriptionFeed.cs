using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using GraphQL;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.Telemetry;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>One result (already serialized), or the failure, a subscription stream produced; <see cref="Bytes"/> is its size.</summary>
internal readonly record struct FeedItem(ExecutionResult? Result, Exception? Error, long Bytes = 0);

/// <summary>
/// Bridges a subscription's push-based stream to the transport's pace through a buffer bounded twice: by results and
/// by bytes. A count alone does not bound memory — a few thousand results of a wide selection are hundreds of
/// megabytes — so each result is serialized as it arrives (once, as the transport would anyway) and weighed. A stream
/// that outruns the client overflows either bound; the feed then drops its upstream subscription at once rather than
/// letting memory grow, and reports the overflow so the transport can disconnect.
/// </summary>
internal sealed class SubscriptionFeed : IObserver<ExecutionResult>, IDisposable
{
    private readonly Channel<FeedItem> buffer;
    private readonly Action onOverflow;
    private readonly long maxBytes;
    private readonly IGraphQLTextSerializer serializer;
    private long bufferedBytes;
    private readonly Lock gate = new();
    private IDisposable? upstream;
    private bool stopped;
    private int overflowed;
    private readonly GraphQLMetrics? metrics;
    private readonly string protocol;
    private readonly IDisposable? running;

    /// <summary>
    /// A feed holding at most <paramref name="capacity"/> results and, beyond the first waiting result, at most
    /// <paramref name="maxBytes"/> bytes of serialized results (0: no byte bound).
    /// </summary>
    public SubscriptionFeed(int capacity, long maxBytes, IGraphQLTextSerializer serializer, Action onOverflow, GraphQLMetrics? metrics = null, string protocol = "")
    {
        this.metrics = metrics;
        this.protocol = protocol;
        running = metrics?.Subscription(protocol);
        this.maxBytes = maxBytes;
        this.serializer = serializer;
        buffer = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        this.onOverflow = onOverflow;
    }

    /// <summary>True once the buffer overflowed; results still buffered must not be sent.</summary>
    public bool Overflowed => Volatile.Read(ref overflowed) == 1;

    public void Attach(IObservable<ExecutionResult> stream)
    {
        var subscription = stream.Subscribe(this);
        lock (gate)
        {
            if (!stopped)
            {
                upstream = subscription;
                return;
            }
        }
        // The stream overflowed or was stopped while subscribing.
        subscription.Dispose();
    }

    public async IAsyncEnumerable<FeedItem> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in buffer.Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Add(ref bufferedBytes, -item.Bytes);
            if (item.Result is not null)
                metrics?.Delivered(protocol);
            yield return item;
        }
    }

    public void OnNext(ExecutionResult value)
    {
        if (Overflowed)
            return;
        var serialized = value as SerializedExecutionResult ?? new SerializedExecutionResult(serializer.Serialize(value));
        long size = Encoding.UTF8.GetByteCount(serialized.Json);
        var waiting = Interlocked.Add(ref bufferedBytes, size);
        // One result is always let through, however large, so a single wide event cannot be undeliverable.
        var withinBytes = maxBytes <= 0 || waiting == size || waiting <= maxBytes;
        if (withinBytes && buffer.Writer.TryWrite(new FeedItem(serialized, null, size)))
            return;
        Interlocked.Add(ref bufferedBytes, -size);
        if (Interlocked.Exchange(ref overflowed, 1) == 1)
            return;
        Dispose();
        metrics?.Dropped(protocol);
        onOverflow();
    }

    public void OnError(Exception error)
    {
        buffer.Writer.TryWrite(new FeedItem(null, error));
        buffer.Writer.TryComplete();
    }

    public void OnCompleted() => buffer.Writer.TryComplete();

    public void Dispose()
    {
        IDisposable? subscription;
        lock (gate)
        {
            stopped = true;
            subscription = upstream;
            upstream = null;
        }
        subscription?.Dispose();
        buffer.Writer.TryComplete();
        running?.Dispose();
    }
}
