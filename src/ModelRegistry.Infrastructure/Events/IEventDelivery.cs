using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Infrastructure.Events;

/// <summary>
/// The last stage of the event bus: hands events, already in sequence order, to this process's subscribers. The Api
/// wraps it to re-judge open sockets on revocations before anything later is delivered; on PostgreSQL it is fed by
/// <see cref="PostgresEventRelay"/> with every replica's events, so a revocation through one replica closes sockets on all.
/// </summary>
public interface IEventDelivery
{
    /// <summary>Delivers events in sequence order; never blocks on subscribers.</summary>
    void Deliver(IReadOnlyList<AuditEvent> events);

    /// <summary>What was delivered, from now on.</summary>
    IObservable<AuditEvent> Events { get; }
}

/// <summary>The embedded bus: one process commits every event, so what it commits is what it delivers.</summary>
public sealed class LocalEventBus(IEventDelivery delivery) : IRegistryEventBus
{
    /// <inheritdoc />
    public void Publish(IReadOnlyList<AuditEvent> committed) => delivery.Deliver(committed);

    /// <inheritdoc />
    public IObservable<AuditEvent> Events => delivery.Events;

    /// <inheritdoc />
    public bool ClaimCommittedHere(long sequence) => true;
}
