namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>
/// The registry's clock: the system's, cut to whole microseconds. PostgreSQL keeps timestamps to the microsecond while .NET
/// counts 100 ns ticks; the audit chain hashes each event's time with seven decimals, so a time finer than the database keeps
/// would read back different from what was hashed, and the chain would fail verification. Cutting at the source keeps what
/// is hashed, stored and read back the same on both providers.
/// </summary>
public sealed class MicrosecondClock(TimeProvider inner) : TimeProvider
{
    /// <summary>The system clock, cut to microseconds.</summary>
    public static MicrosecondClock SystemMicroseconds { get; } = new(TimeProvider.System);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => inner.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => inner.GetTimestamp();
}
