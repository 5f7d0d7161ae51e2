using System.Diagnostics.Metrics;

namespace ModelRegistry.Core.Telemetry;

/// <summary>
/// The registry's instruments, on a meter of the host's <see cref="IMeterFactory"/> so that two hosts in one process
/// (tests) keep their numbers apart. Names follow OpenTelemetry's conventions; the host's /metrics endpoint translates
/// them to Prometheus names (dots to underscores, a unit suffix, <c>_total</c> on counters). Every label takes its
/// values from a closed set (error codes, job types, outcomes), never from what a client named.
/// </summary>
public sealed class RegistryMetrics
{
    /// <summary>Bucket bounds in seconds for the write lock: sub-millisecond waits up to a stuck writer.</summary>
    public static readonly IReadOnlyList<double> LockBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Bucket bounds in seconds for background jobs, which may take minutes.</summary>
    public static readonly IReadOnlyList<double> JobBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Creates the instruments on the meter named <see cref="RegistryTelemetry.Name"/>.</summary>
    public RegistryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RegistryTelemetry.Name);
        LockWait = meter.CreateHistogram("registry.write.lock.wait", "s", "Time a write waited for the write lock.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LockBuckets });
        LockHold = meter.CreateHistogram("registry.write.lock.hold", "s", "Time a write held the write lock.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LockBuckets });
        MutationErrors = meter.CreateCounter<long>("registry.mutation.errors", null,
            "Domain errors returned in mutation payloads, by mutation and code (FORBIDDEN, SELF_APPROVAL...).");
        JobDuration = meter.CreateHistogram("registry.job.duration", "s", "Background job runs, by job type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobBuckets });
        JobFailures = meter.CreateCounter<long>("registry.job.failures", null, "Background job runs that threw, by job type.");
        WebhookDeliveries = meter.CreateCounter<long>("registry.webhook.deliveries", null,
            "Webhook delivery attempts, by outcome (delivered, failed, skipped).");
        AuditVerifications = meter.CreateCounter<long>("registry.audit.verifications", null,
            "Audit verification runs, by result (valid, broken).");
        AuditChainValid = meter.CreateGauge<int>("registry.audit.chain.valid", null,
            "1 when the last audit verification found the chain intact, 0 when it found it broken.");
    }

    /// <summary>Seconds a write waited for the write lock.</summary>
    public Histogram<double> LockWait { get; }

    /// <summary>Seconds a write held the write lock.</summary>
    public Histogram<double> LockHold { get; }

    /// <summary>Payload errors; tags <c>mutation</c> (a schema field name) and <c>code</c>.</summary>
    public Counter<long> MutationErrors { get; }

    /// <summary>Job run time; tags <c>job_type</c> (the job class; <c>job</c> is the scrape target's label) and <c>outcome</c> (succeeded, failed).</summary>
    public Histogram<double> JobDuration { get; }

    /// <summary>Job runs that threw; tag <c>job_type</c>.</summary>
    public Counter<long> JobFailures { get; }

    /// <summary>Webhook delivery attempts; tag <c>outcome</c>.</summary>
    public Counter<long> WebhookDeliveries { get; }

    /// <summary>Audit verification runs; tag <c>result</c>.</summary>
    public Counter<long> AuditVerifications { get; }

    /// <summary>The last verification's verdict: 1 intact, 0 broken (no value before the first run of this process).</summary>
    public Gauge<int> AuditChainValid { get; }
}
