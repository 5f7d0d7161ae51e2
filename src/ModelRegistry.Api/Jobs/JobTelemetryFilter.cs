using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;
using ModelRegistry.Core.Telemetry;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// A span and a duration for every job this host's Hangfire server performs, labelled with the job's class (a closed
/// set: the registry's own jobs), and a failure count. The span is started before the job's method runs, so the job's
/// writes and database commands nest under it.
/// </summary>
public sealed class JobTelemetryFilter(RegistryMetrics metrics) : IServerFilter
{
    private const string SpanKey = "registry.telemetry.span";
    private const string StartedKey = "registry.telemetry.started";

    /// <inheritdoc />
    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context.BackgroundJob.Job);
        var span = RegistryTelemetry.Source.StartActivity($"job {job}");
        span?.SetTag("registry.job.type", job);
        span?.SetTag("registry.job.id", context.BackgroundJob.Id);
        context.Items[SpanKey] = span;
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    public void OnPerformed(PerformedContext context)
    {
        var job = JobName(context.BackgroundJob.Job);
        var failed = context.Exception is not null && !context.ExceptionHandled;
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long at)
            metrics.JobDuration.Record(Stopwatch.GetElapsedTime(at).TotalSeconds,
                new("job_type", job), new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
        if (failed)
            metrics.JobFailures.Add(1, new KeyValuePair<string, object?>("job_type", job));
        if (context.Items.TryGetValue(SpanKey, out var item) && item is Activity span)
        {
            if (failed)
                span.SetStatus(ActivityStatusCode.Error, context.Exception!.GetType().Name);
            span.Dispose();
        }
    }

    private static string JobName(Job? job) => job?.Type.Name ?? "unknown";
}

/// <summary>This host's job filters with <see cref="JobTelemetryFilter"/> added for every job.</summary>
public sealed class TelemetryJobFilterProvider(IJobFilterProvider inner, JobTelemetryFilter telemetry) : IJobFilterProvider
{
    private readonly JobFilter _filter = new(telemetry, JobFilterScope.Global, null);

    /// <inheritdoc />
    public IEnumerable<JobFilter> GetFilters(Job job) => inner.GetFilters(job).Append(_filter);
}
