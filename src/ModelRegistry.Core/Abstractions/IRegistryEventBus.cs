using ModelRegistry.Core.Audit;

namespace ModelRegistry.Core.Abstractions;

/// <summary>Carries committed audit events to live subscribers.</summary>
public interface IRegistryEventBus
{
    /// <summary>
    /// Told of events about to be committed, after their sequences are assigned and before the commit: on a shared database
    /// another path may deliver them the moment they commit, before <see cref="Publish"/> runs.
    /// </summary>
    void Committing(IReadOnlyList<AuditEvent> pending)
    {
    }

    /// <summary>Publishes events that this process has just committed, in sequence order.</summary>
    void Publish(IReadOnlyList<AuditEvent> committed);

    /// <summary>Live events from now on, whichever process committed them, in sequence order with no gap and no duplicate.</summary>
    IObservable<AuditEvent> Events { get; }

    /// <summary>
    /// Whether this process committed the event of <paramref name="sequence"/>, for the one consumer that does work once
    /// per event across replicas (enqueueing webhook deliveries, done by the committing replica). It answers each sequence
    /// once: call it for every event received from <see cref="Events"/>.
    /// </summary>
    bool ClaimCommittedHere(long sequence);
}
