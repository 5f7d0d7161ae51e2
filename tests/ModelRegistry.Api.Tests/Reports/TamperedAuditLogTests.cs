using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>A log whose stored rows were rewritten behind the registry's back: reports and the nightly job say so.</summary>
public sealed class TamperedAuditLogTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>, IAsyncLifetime
{
    /// <summary>Rewrites the reason of event 3, as an insider editing the database would.</summary>
    public Task InitializeAsync() => factory.ChangeDatabaseAsync(db =>
        db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEvents" SET "Reason" = 'edited afterwards' WHERE "Sequence" = 3"""));

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_report_of_a_tampered_log_says_auditVerified_false_and_names_the_broken_sequence()
    {
        var id = (await factory.Admin().QueryAsync("{ model(name: \"fraud-detector\") { id } }")).GetProperty("model").GetProperty("id").GetString();

        var report = (await factory.Admin().QueryAsync("query($id: ID!) { complianceReport(modelId: $id) { content auditVerified } }", new { id }))
            .GetProperty("complianceReport");

        Assert.False(report.GetProperty("auditVerified").GetBoolean());
        Assert.Contains("NO: the chain breaks at sequence 3", report.GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_verification_job_records_the_broken_chain_as_an_invalid_AUDIT_VERIFIED_event()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AuditVerificationJob>().RunAsync(CancellationToken.None);

        var recorded = (await factory.WholeAuditLogAsync()).Last();
        Assert.Equal(EventTypes.AuditVerified, recorded.Type);
        Assert.Contains("\"valid\":false", recorded.PayloadJson);
        Assert.Contains("\"firstBrokenSequence\":3", recorded.PayloadJson);
    }
}
