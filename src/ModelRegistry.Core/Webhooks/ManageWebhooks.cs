using System.Reflection;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Webhooks;

/// <summary>Input of <see cref="ManageWebhooks.CreateAsync"/>.</summary>
public sealed record CreateWebhookCommand(string Url, IReadOnlyList<string>? EventTypes, string Secret);

/// <summary>Creates and deletes webhooks; both need a global ADMIN.</summary>
public sealed class ManageWebhooks(RegistryWriter writer, IWebhookSecretProtector secrets, WebhookOptions options)
{
    /// <summary>Shortest signing secret accepted: 16 characters resist guessing an HMAC key.</summary>
    public const int MinSecretLength = 16;

    /// <summary>Longest signing secret accepted.</summary>
    public const int MaxSecretLength = 512;

    /// <summary>Longest target URL accepted.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Every event type a webhook may subscribe to: the constants of <see cref="Audit.EventTypes"/>.</summary>
    public static readonly IReadOnlySet<string> KnownEventTypes = typeof(EventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Creates a webhook that receives every matching event committed from now on.</summary>
    public Task<Result<Webhook>> CreateAsync(CreateWebhookCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Webhook>(async w =>
        {
            if (await w.RequireAsync(Role.Admin, AccessScope.Registry, "create webhooks", cancellationToken) is { } denied)
                return denied;
            var url = CheckUrl(command.Url?.Trim());
            if (!url.IsSuccess)
                return url.Error!;
            var types = NormaliseEventTypes(command.EventTypes);
            if (!types.IsSuccess)
                return types.Error!;
            if (command.Secret is null || command.Secret.Length < MinSecretLength || command.Secret.Length > MaxSecretLength)
                return DomainError.Invalid($"'secret' must have {MinSecretLength} to {MaxSecretLength} characters.", "secret");

            var target = url.Value!.AbsoluteUri;
            var sameUrl = await w.Db.Webhooks.Where(h => h.Active && h.Url == target).ToListAsync(cancellationToken);
            if (sameUrl.Any(h => h.EventTypes.SequenceEqual(types.Value!)))
                return new DomainError(ErrorCodes.DuplicateWebhook,
                    $"An active webhook already sends {string.Join(", ", types.Value!)} to this URL; delete it first or choose other event types.", "url");

            // Under the write lock no event is appended meanwhile: the new webhook starts with the events after this one,
            // its own WEBHOOK_CREATED included.
            var last = await w.Db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
            var webhook = new Webhook
            {
                Url = target, EventTypes = types.Value!, ProtectedSecret = secrets.Protect(command.Secret),
                CreatedAt = w.Now, CreatedBy = w.Actor, Active = true, DeliveredThroughSequence = last,
            };
            w.Db.Webhooks.Add(webhook);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.WebhookCreated, nameof(Webhook), webhook.Id, null, new WebhookChanged(Redacted(url.Value!), webhook.EventTypes));
            return webhook;
        }, cancellationToken);

    /// <summary>Deactivates a webhook: nothing more is delivered to it, its delivery log stays.</summary>
    public Task<Result<Webhook>> DeleteAsync(long webhookId, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Webhook>(async w =>
        {
            if (await w.RequireAsync(Role.Admin, AccessScope.Registry, "delete webhooks", cancellationToken) is { } denied)
                return denied;
            var webhook = await w.Db.Webhooks.FirstOrDefaultAsync(h => h.Id == webhookId, cancellationToken);
            if (webhook is null)
                return DomainError.NotFound("The webhook", "id");
            if (!webhook.Active)
                return DomainError.Invalid("The webhook is already deleted.", "id");
            webhook.Active = false;
            webhook.DeletedAt = w.Now;
            webhook.DeletedBy = w.Actor;
            w.Audit(EventTypes.WebhookDeleted, nameof(Webhook), webhook.Id, null,
                new WebhookChanged(Uri.TryCreate(webhook.Url, UriKind.Absolute, out var u) ? Redacted(u) : "", webhook.EventTypes));
            return webhook;
        }, cancellationToken);

    private Result<Uri> CheckUrl(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
            return DomainError.Invalid("'url' must not be empty.", "url");
        if (raw.Length > MaxUrlLength)
            return DomainError.Invalid($"'url' is longer than {MaxUrlLength} characters.", "url");
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return DomainError.Invalid($"'url' must be an absolute http or https URL; '{raw}' is not.", "url");
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            return DomainError.Invalid($"'url' must use http or https, not '{uri.Scheme}'.", "url");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return DomainError.Invalid("'url' must not carry credentials; receivers authenticate deliveries by their signature.", "url");
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !options.AllowPlainHttp)
            return DomainError.Invalid("'url' must use https unless it points at this machine (loopback); plain http would expose events in transit.", "url");
        return uri;
    }

    /// <summary>Upper-cased, de-duplicated and sorted event types; <c>*</c> swallows the rest.</summary>
    public static Result<List<string>> NormaliseEventTypes(IEnumerable<string>? eventTypes)
    {
        var types = (eventTypes ?? []).Select(t => (t ?? "").Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
            return DomainError.Invalid("'eventTypes' must name at least one event type, or '*' for all.", "eventTypes");
        if (types.Contains(Webhook.AllEvents))
            return new List<string> { Webhook.AllEvents };
        var unknown = types.Where(t => !KnownEventTypes.Contains(t)).ToList();
        if (unknown.Count > 0)
            return DomainError.Invalid(
                $"Unknown event type(s) {string.Join(", ", unknown.Select(t => $"'{t}'"))}; use '*' or some of {string.Join(", ", KnownEventTypes.Order(StringComparer.Ordinal))}.",
                "eventTypes");
        types.Sort(StringComparer.Ordinal);
        return types;
    }

    // The audit log is readable by every global reader; a query string often carries a receiver's token, so only the
    // scheme, host, port and path are recorded there.
    private static string Redacted(Uri uri) => uri.GetLeftPart(UriPartial.Path);
}
