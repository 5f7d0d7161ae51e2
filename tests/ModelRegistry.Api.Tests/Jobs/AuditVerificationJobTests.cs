using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Tests.Reports;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Jobs;

/// <summary>The nightly audit verification, run directly in a scope of the host as Hangfire would run it.</summary>
public sealed class AuditVerificationJobTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private async Task<AuditVerificationRun> RunJobAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerificationJob>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_job_records_a_valid_AUDIT_VERIFIED_event_as_the_system_principal_and_runs_again_without_duplicating_it()
    {
        // One test, because the class shares one log: the first run records, the repeat finds its own verdict and records nothing.
        var before = (await factory.WholeAuditLogAsync()).Last();

        var first = await RunJobAsync();
        var second = await RunJobAsync();

        var events = await factory.WholeAuditLogAsync();
        var recorded = events.Last();
        Assert.Equal(before.Sequence + 1, recorded.Sequence);
        Assert.Equal(first.RecordedSequence, recorded.Sequence);
        Assert.Null(second.RecordedSequence);
        Assert.Equal((EventTypes.AuditVerified, "system", AuditVerificationJob.SubjectType, before.Sequence, (long?)null),
            (recorded.Type, recorded.Actor, recorded.SubjectType, recorded.SubjectId, recorded.ModelId));
        using var payload = JsonDocument.Parse(recorded.PayloadJson);
        Assert.True(payload.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(before.Sequence, payload.RootElement.GetProperty("checkedEvents").GetInt64());
        Assert.Equal(before.Sequence, payload.RootElement.GetProperty("throughSequence").GetInt64());
        Assert.True(second.Verification.Valid);
        Assert.True(AuditChain.IsIntact(recorded, events[^2].Hash));

        // Once something else is written, the next run has new evidence to record.
        await factory.KeyWithRoleAsync("job-observer", "VIEWER", "global");
        var third = await RunJobAsync();
        Assert.NotNull(third.RecordedSequence);
        Assert.Equal(EventTypes.AuditVerified, (await factory.WholeAuditLogAsync()).Last().Type);
    }
}
