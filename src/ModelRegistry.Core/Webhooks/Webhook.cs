namespace ModelRegistry.Core.Webhooks;

/// <summary>
/// A subscription of an external HTTP endpoint to registry events. Deleting one keeps the row (inactive) so its
/// delivery log stays readable.
/// </summary>
public class Webhook
{
    /// <summary>Key.</summary>
    public long Id { get; set; }
    /// <summary>The absolute http(s) URL events are posted to.</summary>
    public string Url { get; set; } = "";
    /// <summary>Event types delivered, upper-case and sorted; <c>["*"]</c> for every type.</summary>
    public List<string> EventTypes { get; set; } = [];
    /// <summary>The signing secret, encrypted by <see cref="IWebhookSecretProtector"/>; never returned to clients.</summary>
    public string ProtectedSecret { get; set; } = "";
    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>False once deleted: nothing more is delivered.</summary>
    public bool Active { get; set; } = true;
    /// <summary>When it was deleted (UTC).</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>Who deleted it.</summary>
    public string? DeletedBy { get; set; }
    /// <summary>
    /// Every matching event up to this sequence is settled (delivered, or given up after the last attempt); the
    /// catch-up job re-enqueues what lies beyond it and was never settled.
    /// </summary>
    public long DeliveredThroughSequence { get; set; }

    /// <summary>The wildcard event type: every event.</summary>
    public const string AllEvents = "*";

    /// <summary>Whether an event of <paramref name="eventType"/> is delivered to this webhook.</summary>
    public bool Matches(string eventType) => Matches(EventTypes, eventType);

    /// <summary>Whether an event of <paramref name="eventType"/> matches the subscribed <paramref name="eventTypes"/>.</summary>
    public static bool Matches(IReadOnlyCollection<string> eventTypes, string eventType)
        => eventTypes.Contains(AllEvents) || eventTypes.Contains(eventType);
}

/// <summary>One attempt to deliver one event to one webhook, successful or not.</summary>
public class WebhookDelivery
{
    /// <summary>Key.</summary>
    public long Id { get; set; }
    /// <summary>The webhook.</summary>
    public long WebhookId { get; set; }
    /// <summary>Navigation to the webhook.</summary>
    public Webhook? Webhook { get; set; }
    /// <summary>The sequence of the delivered event; receivers dedupe on it.</summary>
    public long EventSequence { get; set; }
    /// <summary>The delivered event's type.</summary>
    public string EventType { get; set; } = "";
    /// <summary>1 for the first attempt at this event, then 2, 3…</summary>
    public int Attempt { get; set; }
    /// <summary>The receiver's HTTP status, when it answered.</summary>
    public int? StatusCode { get; set; }
    /// <summary>True for a 2xx answer.</summary>
    public bool Succeeded { get; set; }
    /// <summary>When the attempt started (UTC).</summary>
    public DateTime At { get; set; }
    /// <summary>Why it failed: the status line, a timeout or the connection error.</summary>
    public string? Error { get; set; }
    /// <summary>How long the attempt took, in milliseconds.</summary>
    public long DurationMs { get; set; }
}

/// <summary>Encrypts webhook signing secrets at rest; the host implements it with its key ring.</summary>
public interface IWebhookSecretProtector
{
    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    string Protect(string secret);

    /// <summary>The secret back from its stored form.</summary>
    string Unprotect(string protectedSecret);
}

/// <summary>Rules for webhook targets, set by the host.</summary>
public sealed class WebhookOptions
{
    /// <summary>Whether plain http is accepted for hosts other than loopback (https is always accepted).</summary>
    public bool AllowPlainHttp { get; init; }
}
