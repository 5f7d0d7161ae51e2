namespace ModelRegistry.Core.Audit.Deep;

/// <summary>A stored value that differs from what the chain says; a null value means "no such row" on that side.</summary>
public sealed record StateMismatch(string SubjectType, long SubjectId, string Field, string? ChainedValue, string? StoredValue);

/// <summary>A stored value the chain cannot vouch for, because the events that wrote it predate events carrying it.</summary>
public sealed record UnvouchedState(string SubjectType, long SubjectId, string Field, string Why);

/// <summary>The deep comparison of the live rows with the state replayed from the chain.</summary>
public sealed record StateVerification(long EventsReplayed, long RowsCompared, IReadOnlyList<StateMismatch> Mismatches, IReadOnlyList<UnvouchedState> Unvouched)
{
    /// <summary>Whether every compared row matched the chain.</summary>
    public bool Matches => Mismatches.Count == 0;
}
