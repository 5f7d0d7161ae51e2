using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Core.Writes;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Webhooks;

/// <summary>What one catch-up run did: the deliveries it enqueued again and the webhooks whose cursor moved.</summary>
public sealed record WebhookCatchUpRun(IReadOnlyList<(long WebhookId, long Sequence)> Enqueued, int CursorsAdvanced);

/// <summary>
/// Makes delivery survive a lost enqueue (the process died between commit and enqueue, or in-memory job storage was
/// lost with the process): the audit log is the event log, so every matching event after a webhook's cursor that is
/// neither delivered nor given up, and has been quiet for the grace period, is enqueued again. The cursor then moves
/// over the settled prefix.
/// </summary>
public sealed class WebhookCatchUpJob(
    RequestPrincipal principal, ReadVisibilityHolder visibility, RegistryDbContext db, RegistryWriter writer,
    IBackgroundJobClient jobs, WebhookSettings settings, TimeProvider clock)
{
    /// <summary>The recurring job's identifier.</summary>
    public const string RecurringJobId = "webhook-catch-up";

    /// <summary>Runs one catch-up pass over every active webhook.</summary>
    [Queue(WebhookSettings.Queue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<WebhookCatchUpRun> RunAsync(CancellationToken cancellationToken)
    {
        principal.Principal = RegistryPrincipal.SystemNamed("webhooks");
        visibility.ForSystem();
        var now = clock.GetUtcNow().UtcDateTime;
        var grace = TimeSpan.FromSeconds(settings.CatchUpGraceSeconds);
        var enqueued = new List<(long, long)>();
        var cursors = new Dictionary<long, long>();
        foreach (var webhook in await db.Webhooks.AsNoTracking().Where(h => h.Active).ToListAsync(cancellationToken))
        {
            var cursor = webhook.DeliveredThroughSequence;
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > cursor).OrderBy(e => e.Sequence)
                .Take(Math.Max(1, settings.CatchUpBatchSize)).Select(e => new { e.Sequence, e.Type, e.OccurredAt }).ToListAsync(cancellationToken);
            if (events.Count == 0)
                continue;
            var last = events[^1].Sequence;
            var attempts = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.WebhookId == webhook.Id && d.EventSequence > cursor && d.EventSequence <= last)
                .GroupBy(d => d.EventSequence)
                .Select(g => new { Sequence = g.Key, Count = g.Count(), Succeeded = g.Any(d => d.Succeeded), Last = g.Max(d => d.At) })
                .ToDictionaryAsync(a => a.Sequence, cancellationToken);
            var settledThrough = cursor;
            var blocked = false;
            foreach (var e in events)
            {
                attempts.TryGetValue(e.Sequence, out var a);
                var settled = !webhook.Matches(e.Type) || a is not null && (a.Succeeded || a.Count >= settings.MaxAttempts);
                if (settled)
                {
                    if (!blocked)
                        settledThrough = e.Sequence;
                    continue;
                }
                blocked = true;
                // A retry may legitimately wait the longest delay; only silence beyond that means the job was lost.
                var quietSince = a is null ? e.OccurredAt : a.Last + settings.LongestRetryDelay;
                if (quietSince <= now - grace)
                {
                    jobs.Enqueue<WebhookDeliveryJob>(j => j.RunAsync(webhook.Id, e.Sequence, CancellationToken.None));
                    enqueued.Add((webhook.Id, e.Sequence));
                }
            }
            if (settledThrough > cursor)
                cursors[webhook.Id] = settledThrough;
        }
        if (cursors.Count > 0)
            await writer.ExecuteAsync<int>(async w =>
            {
                var ids = cursors.Keys.ToList();
                foreach (var webhook in await w.Db.Webhooks.Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken))
                    webhook.DeliveredThroughSequence = Math.Max(webhook.DeliveredThroughSequence, cursors[webhook.Id]);
                return cursors.Count;
            }, cancellationToken);
        return new WebhookCatchUpRun(enqueued, cursors.Count);
    }
}
