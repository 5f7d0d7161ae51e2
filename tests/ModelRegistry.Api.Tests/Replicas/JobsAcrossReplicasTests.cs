using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Api.Tests.Replicas;

/// <summary>
/// With Registry:Jobs:Storage=Postgres, replicas share one Hangfire storage: a recurring job fires once per occurrence of
/// its schedule whichever replicas are up, and drift windows stay one per (deployment, window end).
/// </summary>
[Trait("Category", TestDatabase.PostgresOnly)]
public sealed class JobsAcrossReplicasTests
{
    private const string EveryTenSeconds = "*/10 * * * * *";

    [Fact]
    public async Task Each_occurrence_of_a_recurring_schedule_runs_once_across_two_replicas()
    {
        await using var replicas = ReplicaPair.Start(new Dictionary<string, string>
        {
            ["Registry:Monitoring:Schedule"] = EveryTenSeconds,
            ["Registry:Jobs:AuditVerificationCron"] = EveryTenSeconds,
            ["Registry:Webhooks:CatchUpCron"] = EveryTenSeconds,
            ["Registry:Webhooks:SchedulePollingSeconds"] = "1",
        }, s => s.AddSingleton<IMetricsSource>(new ScriptedMetricsSource()));
        var (_, _, deploymentId, _) = await replicas.A.GraphQL().MonitoredDeploymentAsync();

        // Runs of the three recurring jobs, each with the occurrence it was fired for (Hangfire's "Time" parameter).
        const string runs = """
            SELECT trim(both '"' from r.value) || ' @ ' || t.value FROM hangfire.jobparameter r
            JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time'
            WHERE r.name = 'RecurringJobId' ORDER BY r.jobid
            """;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<string> fired;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            fired = await replicas.QueryAsync<string>(runs);
        }
        while (fired.Count(r => r.StartsWith("monitoring-sweep", StringComparison.Ordinal)) < 3 && DateTime.UtcNow < deadline);
        // Time for a scheduler of the other replica to fire an occurrence a second time, were it not locked out.
        await Task.Delay(TimeSpan.FromSeconds(3));
        fired = await replicas.QueryAsync<string>(runs);

        Assert.True(fired.Count(r => r.StartsWith("monitoring-sweep", StringComparison.Ordinal)) >= 3, string.Join("\n", fired));
        foreach (var job in new[] { "monitoring-sweep", "audit-verification", "webhook-catch-up" })
            Assert.Contains(fired, r => r.StartsWith(job + " @", StringComparison.Ordinal));
        Assert.Equal(fired.Distinct().Order(), fired.Order());
        var windows = await replicas.QueryAsync<long>(
            $"""SELECT count(*) FROM "MonitoringWindows" WHERE "DeploymentId" = {Ids.KeyOf(deploymentId)} GROUP BY "WindowEnd" """);
        Assert.All(windows, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Two_replicas_recording_the_same_drift_window_at_once_store_one_window_and_both_succeed()
    {
        await using var replicas = ReplicaPair.Start();
        var (_, _, deploymentId, _) = await replicas.A.GraphQL().MonitoredDeploymentAsync();
        var windowEnd = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

        for (var round = 0; round < 10; round++)
        {
            var end = windowEnd.AddHours(round);
            var recorded = await Task.WhenAll(
                Task.Run(() => MonitoringArrange.RecordWindowAsync(replicas.A.Services, deploymentId, end, MonitoringArrange.Baseline)),
                Task.Run(() => MonitoringArrange.RecordWindowAsync(replicas.B.Services, deploymentId, end, MonitoringArrange.Baseline)));
            Assert.Equal(recorded[0], recorded[1]);
        }

        var data = await replicas.B.GraphQL().QueryAsync(MonitoringArrange.DeploymentDrift, new { id = deploymentId });
        Assert.Equal(10, data.GetProperty("node").GetProperty("monitoringWindows").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_drift_window_index_that_keeps_one_window_per_deployment_and_end_is_unique_on_PostgreSQL()
    {
        await using var replicas = ReplicaPair.Start();

        var definition = await replicas.QueryAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_MonitoringWindows_DeploymentId_WindowEnd'");

        Assert.Contains("CREATE UNIQUE INDEX", Assert.Single(definition), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_on_PostgreSQL_storage_opens_for_the_admin_and_refuses_anonymous_callers()
    {
        await using var replicas = ReplicaPair.Start();

        using var admin = await replicas.B.CreateClient().AsAdmin().GetAsync("/hangfire/recurring");
        using var anonymous = await replicas.B.CreateClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("monitoring-sweep", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
