using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Writes;

/// <summary>
/// Why the caller is making the write in progress, in its own words. Like the actor, it is a fact about the request
/// rather than about one use case: the mutation layer states it once per mutation, and every event the write chains
/// without a reason of its own carries it. So no mutation can forget to record "why", and a use case that chains a
/// consequence (a deployment marked non-compliant by a demotion) records the caller's reason for the cause.
/// </summary>
public sealed class StatedReason
{
    /// <summary>The reason, trimmed; null when none was given.</summary>
    public string? Value { get; private set; }

    /// <summary>States the reason for the writes made until the returned handle is disposed.</summary>
    public IDisposable State(string? reason)
    {
        var previous = Value;
        Value = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return new Restore(this, previous);
    }

    /// <summary>VALIDATION_FAILED (field <c>reason</c>) when the stated reason is too long to chain.</summary>
    public DomainError? Check() => Rules.CheckOptional(Value, "reason", Rules.MaxTextLength);

    private sealed class Restore(StatedReason owner, string? previous) : IDisposable
    {
        public void Dispose() => owner.Value = previous;
    }
}
