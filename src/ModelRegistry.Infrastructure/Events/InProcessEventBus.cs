using System.Threading.Channels;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Infrastructure.Events;

/// <summary>
/// The embedded event bus. Publishing only enqueues, in commit order, onto each subscriber's own queue; a pump per
/// subscriber delivers from there. A writer never waits for subscribers to resolve and send their events, and a
/// subscriber that falls <see cref="MaxQueued"/> events behind is ended with an error instead of growing memory.
/// </summary>
public sealed class InProcessEventBus : IRegistryEventBus, IEventDelivery, IObservable<AuditEvent>
{
    /// <summary>Most events queued for one subscriber.</summary>
    public const int MaxQueued = 10_000;

    private readonly Lock _gate = new();
    private Subscriber[] _subscribers = [];

    /// <inheritdoc />
    public IObservable<AuditEvent> Events => this;

    /// <inheritdoc />
    public bool ClaimCommittedHere(long sequence) => true;

    /// <inheritdoc />
    public void Deliver(IReadOnlyList<AuditEvent> events) => Publish(events);

    /// <inheritdoc />
    public void Publish(IReadOnlyList<AuditEvent> committed)
    {
        Subscriber[] subscribers;
        lock (_gate)
            subscribers = _subscribers;
        foreach (var subscriber in subscribers)
            foreach (var e in committed)
                subscriber.Enqueue(e);
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<AuditEvent> observer)
    {
        var subscriber = new Subscriber(observer, Remove);
        lock (_gate)
            _subscribers = [.. _subscribers, subscriber];
        return subscriber;
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
            _subscribers = _subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
    }

    private sealed class Subscriber : IDisposable
    {
        private readonly Channel<AuditEvent> _queue = Channel.CreateBounded<AuditEvent>(
            new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        private readonly IObserver<AuditEvent> _observer;
        private readonly Action<Subscriber> _remove;
        private readonly CancellationTokenSource _stop = new();

        public Subscriber(IObserver<AuditEvent> observer, Action<Subscriber> remove)
        {
            _observer = observer;
            _remove = remove;
            _ = Task.Run(PumpAsync);
        }

        public void Enqueue(AuditEvent e)
        {
            if (!_queue.Writer.TryWrite(e) && _queue.Writer.TryComplete(new InvalidOperationException(
                    $"The subscriber fell more than {MaxQueued} events behind and was disconnected.")))
                _remove(this);
        }

        public void Dispose()
        {
            _remove(this);
            _queue.Writer.TryComplete();
            _stop.Cancel();
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var e in _queue.Reader.ReadAllAsync(_stop.Token))
                    _observer.OnNext(e);
                await _queue.Reader.Completion;
                _observer.OnCompleted();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Disposed by the subscriber: nothing more to deliver.
            }
            catch (InvalidOperationException overflow)
            {
                _observer.OnError(overflow);
            }
        }
    }
}
