using Hangfire;
using Hangfire.Common;

namespace ModelRegistry.Api.Webhooks;

/// <summary>
/// The webhook server's job filters: Hangfire's own, except that <see cref="WebhookDeliveryJob"/> retries with the attempts
/// and delays of <see cref="WebhookSettings"/> instead of the global default. Kept per server, so two hosts in one process
/// (tests) do not share retry settings through Hangfire's global filters.
/// </summary>
public sealed class WebhookRetryFilterProvider(WebhookSettings settings) : IJobFilterProvider
{
    private readonly AutomaticRetryAttribute _retry = new()
    {
        Attempts = Math.Max(0, settings.MaxAttempts - 1),
        DelayInSecondsByAttemptFunc = retry => settings.RetryDelay((int)Math.Min(retry, int.MaxValue)),
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        LogEvents = false,
    };

    /// <inheritdoc />
    public IEnumerable<JobFilter> GetFilters(Job job)
    {
        var filters = JobFilterProviders.Providers.GetFilters(job);
        if (job?.Type != typeof(WebhookDeliveryJob))
            return filters;
        return [.. filters.Where(f => f.Instance is not AutomaticRetryAttribute), new JobFilter(_retry, JobFilterScope.Method, null)];
    }
}
