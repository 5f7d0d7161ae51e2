using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// verifyAuditTrail against rows edited or deleted straight in SQLite. Each test puts the row back, so the trail is
/// intact again for the next one.
/// </summary>
public sealed class AuditTamperTests(GovernanceHost host) : IClassFixture<GovernanceHost>, IAsyncLifetime
{
    /// <summary>Writes a few events so there is a middle of the chain to tamper with.</summary>
    public async Task InitializeAsync()
    {
        var model = await host.Admin.ModelAsync(Unique("audited"), "audit");
        await host.Admin.MutateAsync(Ops.UpdateModel, new { id = model, description = "second", reason = "an honest reason" });
        await host.Admin.VersionAsync(model);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_untouched_trail_is_valid_and_every_event_is_checked()
    {
        var count = 0L;
        await host.WithDatabaseAsync(async db => count = await db.AuditEvents.LongCountAsync());

        var verification = await VerifyAsync();

        Assert.True(verification.Valid);
        Assert.Equal(count, verification.Checked);
        Assert.Null(verification.FirstBrokenSequence);
    }

    [Theory]
    [InlineData("Reason")]
    [InlineData("PayloadJson")]
    [InlineData("Actor")]
    public async Task Editing_one_stored_event_names_its_sequence(string column)
    {
        var target = await MiddleEventAsync();
        await host.WithDatabaseAsync(db => Edit(db, target.Sequence, column, column == "PayloadJson" ? "{\"forged\":true}" : "forged"));
        try
        {
            var verification = await VerifyAsync();

            Assert.False(verification.Valid);
            Assert.Equal(target.Sequence, verification.FirstBrokenSequence);
            Assert.Equal(target.Sequence - 1, verification.Checked);
        }
        finally
        {
            await host.WithDatabaseAsync(db => Edit(db, target.Sequence, column, Original(target, column)));
        }
        Assert.True((await VerifyAsync()).Valid);
    }

    [Fact]
    public async Task Deleting_a_stored_event_names_the_missing_sequence()
    {
        var target = await MiddleEventAsync();
        await host.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.Sequence == target.Sequence).ExecuteDeleteAsync());
        try
        {
            var verification = await VerifyAsync();

            Assert.False(verification.Valid);
            Assert.Equal(target.Sequence, verification.FirstBrokenSequence);
        }
        finally
        {
            await host.WithDatabaseAsync(async db =>
            {
                db.AuditEvents.Add(target);
                await db.SaveChangesAsync();
            });
        }
        Assert.True((await VerifyAsync()).Valid);
    }

    private async Task<AuditEvent> MiddleEventAsync()
    {
        AuditEvent? target = null;
        await host.WithDatabaseAsync(async db =>
        {
            var count = await db.AuditEvents.CountAsync();
            target = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).Skip(count / 2).FirstAsync();
        });
        Assert.True(target!.Sequence > 1, "Tamper with the middle of the chain, not its first link.");
        return target;
    }

    private static Task<int> Edit(Infrastructure.Persistence.RegistryDbContext db, long sequence, string column, string? value)
    {
        var rows = db.AuditEvents.Where(e => e.Sequence == sequence);
        return column switch
        {
            "Reason" => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, value)),
            "PayloadJson" => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.PayloadJson, value!)),
            _ => rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, value!)),
        };
    }

    private static string? Original(AuditEvent e, string column)
        => column switch { "Reason" => e.Reason, "PayloadJson" => e.PayloadJson, _ => e.Actor };

    private async Task<(bool Valid, long Checked, long? FirstBrokenSequence)> VerifyAsync()
    {
        var v = (await host.Admin.QueryAsync(Ops.VerifyAuditTrail)).GetProperty("verifyAuditTrail");
        var broken = v.GetProperty("firstBrokenSequence");
        return (v.GetProperty("valid").GetBoolean(), v.GetProperty("checked").GetInt64(),
            broken.ValueKind == System.Text.Json.JsonValueKind.Null ? null : broken.GetInt64());
    }
}
