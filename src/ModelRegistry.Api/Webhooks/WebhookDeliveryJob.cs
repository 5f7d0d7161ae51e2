using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Core.Writes;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Webhooks;

/// <summary>What one run of <see cref="WebhookDeliveryJob"/> did.</summary>
public enum WebhookDeliveryOutcome
{
    /// <summary>The receiver answered 2xx; a succeeded attempt was logged.</summary>
    Delivered,
    /// <summary>Nothing to do: the webhook is gone or inactive, the event does not match, or it was settled before.</summary>
    Skipped,
}

/// <summary>A failed attempt; thrown so Hangfire retries the job after the configured delay.</summary>
public sealed class WebhookDeliveryException(string message) : Exception(message);

/// <summary>
/// Posts one committed event to one webhook, signed, and logs the attempt. A failure is logged and then thrown so that
/// Hangfire retries with backoff; the delivery log caps the attempts at <see cref="WebhookSettings.MaxAttempts"/> however
/// often the job is enqueued.
/// </summary>
public sealed class WebhookDeliveryJob(
    RequestPrincipal principal, ReadVisibilityHolder visibility, RegistryDbContext db, RegistryWriter writer,
    IWebhookSecretProtector secrets, IHttpClientFactory clients, WebhookSettings settings, TimeProvider clock, RegistryMetrics metrics)
{
    /// <summary>The named HTTP client deliveries use (no redirects, no cookies).</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>Delivers event <paramref name="sequence"/> to webhook <paramref name="webhookId"/>.</summary>
    [Queue(WebhookSettings.Queue)]
    public async Task<WebhookDeliveryOutcome> RunAsync(long webhookId, long sequence, CancellationToken cancellationToken)
    {
        principal.Principal = RegistryPrincipal.SystemNamed("webhooks");
        visibility.ForSystem();
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(h => h.Id == webhookId, cancellationToken);
        var e = await db.AuditEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Sequence == sequence, cancellationToken);
        if (webhook is not { Active: true } || e is null || !webhook.Matches(e.Type))
            return Counted(WebhookDeliveryOutcome.Skipped);
        var attempts = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId && d.EventSequence == sequence)
            .GroupBy(d => d.EventSequence).Select(g => new { Count = g.Count(), Succeeded = g.Any(d => d.Succeeded) }).FirstOrDefaultAsync(cancellationToken);
        if (attempts is not null && (attempts.Succeeded || attempts.Count >= settings.MaxAttempts))
            return Counted(WebhookDeliveryOutcome.Skipped);

        var body = WebhookMessage.Body(e);
        var started = clock.GetUtcNow();
        var timestamp = started.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookMessage.EventHeader, e.Type);
        request.Headers.Add(WebhookMessage.SequenceHeader, e.Sequence.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookMessage.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        int? status = null;
        string? error;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            try
            {
                request.Headers.Add(WebhookMessage.SignatureHeader, WebhookMessage.Signature(secrets.Unprotect(webhook.ProtectedSecret), timestamp, body));
                using var response = await clients.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                error = response.IsSuccessStatusCode ? null : $"The receiver answered HTTP {status} {response.ReasonPhrase}.";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The host is stopping: Hangfire runs the job again later, and this was no attempt at the receiver.
                throw;
            }
            catch (OperationCanceledException)
            {
                error = $"The receiver did not answer within {settings.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s.";
            }
            catch (CryptographicException)
            {
                error = "The signing secret could not be decrypted (was the key ring lost?); delete and re-create the webhook.";
            }
            catch (Exception failure)
            {
                error = $"The request failed: {failure.Message}";
            }
        }
        watch.Stop();

        await LogAsync(new WebhookDelivery
        {
            WebhookId = webhookId, EventSequence = sequence, EventType = e.Type, StatusCode = status, Succeeded = error is null,
            At = started.UtcDateTime, Error = error is { Length: > 2000 } ? error[..2000] : error, DurationMs = watch.ElapsedMilliseconds,
        }, cancellationToken);
        if (error is not null)
        {
            metrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            throw new WebhookDeliveryException($"Webhook {webhookId}, event {sequence}: {error}");
        }
        return Counted(WebhookDeliveryOutcome.Delivered);
    }

    private WebhookDeliveryOutcome Counted(WebhookDeliveryOutcome outcome)
    {
        metrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome == WebhookDeliveryOutcome.Delivered ? "delivered" : "skipped"));
        return outcome;
    }

    // The attempt number is counted under the write lock, so attempts logged for one event are numbered 1, 2, 3…
    // even when a catch-up run and a retry overlap.
    private Task LogAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
        => writer.ExecuteAsync<WebhookDelivery>(async w =>
        {
            delivery.Attempt = 1 + await w.Db.WebhookDeliveries.CountAsync(
                d => d.WebhookId == delivery.WebhookId && d.EventSequence == delivery.EventSequence, cancellationToken);
            w.Db.WebhookDeliveries.Add(delivery);
            return delivery;
        }, cancellationToken);
}
