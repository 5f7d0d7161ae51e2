using Hangfire;
using Hangfire.Common;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// Hangfire's filters, except that <see cref="DeploymentMonitoringJob"/> retries as <see cref="MonitoringSettings"/> say
/// (attempts and back-off delays) instead of Hangfire's global ten attempts: an attribute could only carry constants.
/// </summary>
public sealed class MonitoringRetryFilterProvider(MonitoringSettings settings) : IJobFilterProvider
{
    private readonly AutomaticRetryAttribute _retry = new()
    {
        Attempts = Math.Max(0, settings.RetryAttempts),
        DelaysInSeconds = settings.RetryDelaysSeconds is { Length: > 0 } delays ? delays : [30],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        LogEvents = true,
    };

    /// <summary>The retry policy the monitoring job runs under.</summary>
    public AutomaticRetryAttribute MonitoringRetry => _retry;

    /// <inheritdoc />
    public IEnumerable<JobFilter> GetFilters(Job job)
    {
        var filters = JobFilterProviders.Providers.GetFilters(job);
        if (job?.Type != typeof(DeploymentMonitoringJob))
            return filters;
        return filters.Where(f => f.Instance is not AutomaticRetryAttribute)
            .Append(new JobFilter(_retry, JobFilterScope.Method, null));
    }
}
