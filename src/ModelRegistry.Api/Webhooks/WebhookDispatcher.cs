using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Webhooks;

/// <summary>
/// Turns committed events into delivery jobs: it listens on the event bus, which only carries events after their
/// transaction committed, and enqueues one <see cref="WebhookDeliveryJob"/> per matching active webhook. It also schedules
/// the catch-up job that recovers what a crash between commit and enqueue would lose.
/// </summary>
public sealed class WebhookDispatcher(
    IRegistryEventBus bus, IServiceScopeFactory scopes, IBackgroundJobClient jobs, IRecurringJobManager recurring,
    WebhookSettings settings, ILogger<WebhookDispatcher> logger) : IHostedService, IObserver<AuditEvent>
{
    private IDisposable? _subscription;
    // Active webhooks and their event types; reloaded when a webhook is created or deleted. The bus delivers in commit
    // order, so the reload triggered by WEBHOOK_CREATED already sees the new row for that very event.
    private IReadOnlyList<(long Id, List<string> EventTypes)>? _active;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<WebhookCatchUpJob>(WebhookCatchUpJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            settings.CatchUpCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        _subscription = bus.Events.Subscribe(this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void OnNext(AuditEvent value)
    {
        try
        {
            // Every replica sees every event (so each knows when webhooks change), but only the one that committed an
            // event enqueues its deliveries: once per matching webhook, not once per replica.
            var mine = bus.ClaimCommittedHere(value.Sequence);
            if (_active is null || value.Type is EventTypes.WebhookCreated or EventTypes.WebhookDeleted)
                _active = LoadActive();
            if (!mine)
                return;
            foreach (var webhook in _active.Where(h => Webhook.Matches(h.EventTypes, value.Type)))
                jobs.Enqueue<WebhookDeliveryJob>(job => job.RunAsync(webhook.Id, value.Sequence, CancellationToken.None));
        }
        catch (Exception failure)
        {
            // The event is committed and the catch-up job will find it; losing the live path must not end the subscription.
            _active = null;
            logger.LogError(failure, "Could not enqueue webhook deliveries for event {Sequence}; the catch-up job will retry.", value.Sequence);
        }
    }

    /// <inheritdoc />
    public void OnError(Exception error)
    {
        // The bus ends a subscriber that falls too far behind; subscribe again and let the catch-up job fill the gap.
        logger.LogWarning(error, "The webhook dispatcher lost its event subscription; resubscribing.");
        _subscription = bus.Events.Subscribe(this);
    }

    /// <inheritdoc />
    public void OnCompleted() => logger.LogInformation("The event bus completed the webhook dispatcher's subscription.");

    private List<(long, List<string>)> LoadActive()
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        return scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Webhooks.AsNoTracking().Where(h => h.Active)
            .Select(h => new { h.Id, h.EventTypes }).AsEnumerable().Select(h => (h.Id, h.EventTypes)).ToList();
    }
}
