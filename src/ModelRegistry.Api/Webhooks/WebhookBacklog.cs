using Microsoft.EntityFrameworkCore;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Webhooks;

/// <summary>What webhooks still owe: the events after each active webhook's cursor that match it and are neither delivered nor given up.</summary>
public static class WebhookBacklog
{
    /// <summary>How many events past a cursor are looked at; a backlog deeper than this is old at its start anyway.</summary>
    public const int Window = 500;

    /// <summary>When the oldest event any active webhook still waits for occurred; null when none waits.</summary>
    public static async Task<DateTime?> OldestUndeliveredAsync(RegistryDbContext db, WebhookSettings settings, CancellationToken cancellationToken)
    {
        DateTime? oldest = null;
        foreach (var webhook in await db.Webhooks.AsNoTracking().Where(h => h.Active).ToListAsync(cancellationToken))
        {
            var cursor = webhook.DeliveredThroughSequence;
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > cursor).OrderBy(e => e.Sequence).Take(Window)
                .Select(e => new { e.Sequence, e.Type, e.OccurredAt }).ToListAsync(cancellationToken);
            if (events.Count == 0)
                continue;
            var last = events[^1].Sequence;
            var settled = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.WebhookId == webhook.Id && d.EventSequence > cursor && d.EventSequence <= last)
                .GroupBy(d => d.EventSequence)
                .Where(g => g.Any(d => d.Succeeded) || g.Count() >= settings.MaxAttempts)
                .Select(g => g.Key).ToListAsync(cancellationToken);
            var first = events.FirstOrDefault(e => webhook.Matches(e.Type) && !settled.Contains(e.Sequence));
            if (first is not null && (oldest is null || first.OccurredAt < oldest))
                oldest = first.OccurredAt;
        }
        return oldest;
    }
}
