using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// Counts refused credentials per client address and, once an address has used up its budget for the minute, refuses
/// every request from it that presents a credential, right or wrong, without checking it. Answering a right key from a
/// blocked address would tell a guesser which of its guesses was right, so the block holds for all of them until the
/// window ends. Requests without credentials are not affected (they are judged by the ordinary rate limit).
/// </summary>
public sealed class FailedAuthenticationLimiter(int failuresPerMinute, TimeProvider clock)
{
    /// <summary>Refused credentials one address may send per minute when the configuration says nothing.</summary>
    public const int DefaultFailuresPerMinute = 30;

    /// <summary>The <c>extensions.reason</c> of a 429 for an address that sent too many refused credentials.</summary>
    public const string Reason = "TOO_MANY_FAILED_AUTHENTICATIONS";

    // Addresses are remembered only while their window runs; past this many, expired windows are swept first.
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    /// <summary>True when the limit is on (a budget above zero).</summary>
    public bool Enabled => failuresPerMinute > 0;

    /// <summary>
    /// True when <paramref name="address"/> has no budget left in its window; <paramref name="retryAfter"/> is the time
    /// until the window ends.
    /// </summary>
    public bool IsBlocked(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!Enabled || !counters.TryGetValue(KeyOf(address), out var counter))
            return false;
        var now = clock.GetUtcNow();
        lock (counter)
        {
            if (now >= counter.Ends || counter.Failures < failuresPerMinute)
                return false;
            retryAfter = counter.Ends - now;
            return true;
        }
    }

    /// <summary>Counts one refused credential from <paramref name="address"/>.</summary>
    public void RecordFailure(IPAddress? address)
    {
        if (!Enabled)
            return;
        if (counters.Count > SweepAbove)
            Sweep();
        var now = clock.GetUtcNow();
        var counter = counters.GetOrAdd(KeyOf(address), _ => new Counter { Ends = now + Window });
        lock (counter)
        {
            if (now >= counter.Ends)
            {
                counter.Ends = now + Window;
                counter.Failures = 0;
            }
            counter.Failures++;
        }
    }

    // One IPv6 host usually holds a whole /64 and can change address within it at will, so the /64 is what counts.
    private static string KeyOf(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, counter) in counters)
        {
            bool expired;
            lock (counter)
                expired = now >= counter.Ends;
            if (expired)
                counters.TryRemove(key, out _);
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Ends { get; set; }

        public int Failures { get; set; }
    }
}
