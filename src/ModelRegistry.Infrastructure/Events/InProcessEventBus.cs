using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Infrastructure.Events;

/// <summary>The embedded event bus: committed events fan out to in-process observers, in order.</summary>
public sealed class InProcessEventBus : IRegistryEventBus, IObservable<AuditEvent>
{
    private readonly Lock _gate = new();
    private IObserver<AuditEvent>[] _observers = [];

    /// <inheritdoc />
    public IObservable<AuditEvent> Events => this;

    /// <inheritdoc />
    public void Publish(IReadOnlyList<AuditEvent> committed)
    {
        IObserver<AuditEvent>[] observers;
        lock (_gate)
        {
            observers = _observers;
            // Publishing under the gate keeps the order of concurrent publishers equal to the commit order.
            foreach (var e in committed)
                foreach (var observer in observers)
                    observer.OnNext(e);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(IObserver<AuditEvent> observer)
    {
        lock (_gate)
            _observers = [.. _observers, observer];
        return new Unsubscriber(this, observer);
    }

    private void Remove(IObserver<AuditEvent> observer)
    {
        lock (_gate)
            _observers = _observers.Where(o => !ReferenceEquals(o, observer)).ToArray();
    }

    private sealed class Unsubscriber(InProcessEventBus bus, IObserver<AuditEvent> observer) : IDisposable
    {
        public void Dispose() => bus.Remove(observer);
    }
}
