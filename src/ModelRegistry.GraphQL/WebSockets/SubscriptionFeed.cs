using System.Threading.Channels;
using GraphQL;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>One result, or the failure, a subscription stream produced.</summary>
internal readonly record struct FeedItem(ExecutionResult? Result, Exception? Error);

/// <summary>
/// Bridges a subscription's push-based stream to the transport's pace through a bounded buffer.
/// A stream that outruns the client overflows the buffer; the feed then drops its upstream subscription
/// at once rather than letting memory grow, and reports the overflow so the transport can disconnect.
/// </summary>
internal sealed class SubscriptionFeed : IObserver<ExecutionResult>, IDisposable
{
    private readonly Channel<FeedItem> buffer;
    private readonly Action onOverflow;
    private readonly Lock gate = new();
    private IDisposable? upstream;
    private bool stopped;
    private int overflowed;

    public SubscriptionFeed(int capacity, Action onOverflow)
    {
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

    public IAsyncEnumerable<FeedItem> ReadAllAsync(CancellationToken cancellationToken)
        => buffer.Reader.ReadAllAsync(cancellationToken);

    public void OnNext(ExecutionResult value)
    {
        if (buffer.Writer.TryWrite(new FeedItem(value, null)))
            return;
        if (Interlocked.Exchange(ref overflowed, 1) == 1)
            return;
        Dispose();
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
    }
}
