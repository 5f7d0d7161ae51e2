using ModelRegistry.Core.Audit;

namespace ModelRegistry.Core.Abstractions;

/// <summary>Carries committed audit events to live subscribers.</summary>
public interface IRegistryEventBus
{
    /// <summary>Publishes events that are already committed, in sequence order.</summary>
    void Publish(IReadOnlyList<AuditEvent> committed);

    /// <summary>Live events from now on.</summary>
    IObservable<AuditEvent> Events { get; }
}
