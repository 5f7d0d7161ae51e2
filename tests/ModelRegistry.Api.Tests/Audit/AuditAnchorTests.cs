using ModelRegistry.Api.Tests.Fixtures;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Audit;
using ModelRegistry.Infrastructure;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>
/// The audit log tampered with straight in SQLite, by someone who can write the database but does not hold the anchor
/// key: each case is named by verifyAuditTrail and by the nightly job, and no write reuses a sequence number or chains
/// onto a forgery. Every test gets a host of its own, since a tampered registry stays read-only.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class AuditAnchorTests : IAsyncLifetime
{
    private const string Verify = "{ verifyAuditTrail { valid checked firstBrokenSequence tamper anchoredSequence } }";

    private readonly GovernanceHost _host = new();
    private string _model = "";

    /// <summary>Starts the host and writes a few events, so there is a middle and a tail to tamper with.</summary>
    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _model = await _host.Admin.ModelAsync(Unique("anchored"), "audit");
        await _host.Admin.MutateAsync(Ops.UpdateModel, new { id = _model, description = "second", reason = "an honest reason" });
        await _host.Admin.VersionAsync(_model);
        await _host.Admin.VersionAsync(_model);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => ((IAsyncLifetime)_host).DisposeAsync();

    [Fact]
    public async Task An_untouched_trail_is_valid_and_its_head_is_anchored()
    {
        var head = await HeadAsync();

        var verification = await VerifyAsync();

        Assert.Equal((true, (string?)null, (long?)head.Sequence), (verification.Valid, verification.Tamper, verification.AnchoredSequence));
        Assert.True((await RunJobAsync()).Verification.Valid);
    }

    [Fact]
    public async Task Cutting_the_tail_is_named_TAIL_TRUNCATED_and_the_next_write_is_refused_instead_of_reusing_the_sequence()
    {
        var head = await HeadAsync();
        await _host.WithDatabaseAsync(db => db.AuditEvents.Where(e => e.Sequence > head.Sequence - 3).ExecuteDeleteAsync());

        var verification = await VerifyAsync();
        var job = await RunJobAsync();
        var refused = await _host.Admin.RefusedAsync(Ops.UpdateModel, new { id = _model, description = "after the cut" });

        Assert.Equal((false, "TAIL_TRUNCATED", (long?)head.Sequence - 2, (long?)head.Sequence),
            (verification.Valid, verification.Tamper, verification.FirstBrokenSequence, verification.AnchoredSequence));
        Assert.Equal((AuditTamper.TailTruncated, (long?)null), (job.Verification.Tamper, job.RecordedSequence));
        Assert.Equal("AUDIT_CHAIN_TAMPERED", refused.Code);
        Assert.Equal(head.Sequence - 3, (await HeadAsync()).Sequence);
    }

    [Fact]
    public async Task Editing_an_event_and_recomputing_every_later_hash_is_named_RECHAINED_at_the_edited_sequence()
    {
        var head = await HeadAsync();
        var edited = head.Sequence - 2;
        await _host.WithDatabaseAsync(async db =>
        {
            var events = await db.AuditEvents.Where(e => e.Sequence >= edited).OrderBy(e => e.Sequence).ToListAsync();
            var previousHash = await db.AuditEvents.Where(e => e.Sequence == edited - 1).Select(e => e.Hash).SingleAsync();
            events[0].Actor = "someone-else";
            foreach (var e in events)
            {
                AuditChain.Seal(e, previousHash);
                previousHash = e.Hash;
            }
            await db.SaveChangesAsync();
        });

        var verification = await VerifyAsync();
        var job = await RunJobAsync();
        var refused = await _host.Admin.RefusedAsync(Ops.UpdateModel, new { id = _model, description = "onto the re-chain" });

        Assert.Equal((false, "RECHAINED", (long?)edited, edited - 1),
            (verification.Valid, verification.Tamper, verification.FirstBrokenSequence, verification.Checked));
        Assert.Equal((AuditTamper.Rechained, (long?)edited, (long?)null), (job.Verification.Tamper, job.Verification.FirstBrokenSequence, job.RecordedSequence));
        Assert.Equal("AUDIT_CHAIN_TAMPERED", refused.Code);
    }

    [Fact]
    public async Task Appending_a_row_with_a_correct_plain_hash_is_named_FORGED_EVENT_and_nothing_chains_onto_it()
    {
        var head = await HeadAsync();
        var forged = new AuditEvent
        {
            Sequence = head.Sequence + 1, Type = EventTypes.ModelUpdated, OccurredAt = DateTime.UtcNow, Actor = "bootstrap-admin",
            SubjectType = "Model", SubjectId = 1, ModelId = 1, PayloadJson = "{}",
        };
        AuditChain.Seal(forged, head.Hash);
        await _host.WithDatabaseAsync(async db =>
        {
            db.AuditEvents.Add(forged);
            await db.SaveChangesAsync();
        });

        var verification = await VerifyAsync();
        var job = await RunJobAsync();
        var refused = await _host.Admin.RefusedAsync(Ops.UpdateModel, new { id = _model, description = "onto the forgery" });

        Assert.Equal((false, "FORGED_EVENT", (long?)forged.Sequence, head.Sequence),
            (verification.Valid, verification.Tamper, verification.FirstBrokenSequence, verification.Checked));
        Assert.Equal((AuditTamper.ForgedEvent, (long?)null), (job.Verification.Tamper, job.RecordedSequence));
        Assert.Equal("AUDIT_CHAIN_TAMPERED", refused.Code);
        Assert.Equal(forged.Sequence, (await HeadAsync()).Sequence);
    }

    [Fact]
    public async Task Restoring_an_older_copy_of_the_database_is_named_OLDER_DATABASE_RESTORED_and_its_sequences_are_not_handed_out_again()
    {
        var copy = Path.Combine(_host.DataDirectory, "older-copy.db");
        Backup(LiveDatabase(), copy);
        var older = await HeadAsync();
        await _host.Admin.MutateAsync(Ops.UpdateModel, new { id = _model, description = "written after the copy" });
        var newer = await HeadAsync();
        Backup(copy, LiveDatabase());

        var verification = await VerifyAsync();
        var job = await RunJobAsync();
        var refused = await _host.Admin.RefusedAsync(Ops.UpdateModel, new { id = _model, description = "on the restored copy" });

        Assert.Equal((false, "OLDER_DATABASE_RESTORED", (long?)older.Sequence + 1, (long?)newer.Sequence),
            (verification.Valid, verification.Tamper, verification.FirstBrokenSequence, verification.AnchoredSequence));
        Assert.Equal((AuditTamper.OlderDatabaseRestored, (long?)null), (job.Verification.Tamper, job.RecordedSequence));
        Assert.Equal("AUDIT_CHAIN_TAMPERED", refused.Code);
        Assert.Equal(older.Sequence, (await HeadAsync()).Sequence);
    }

    private string LiveDatabase()
        => new SqliteConnectionStringBuilder(_host.Services.GetRequiredService<RegistryPersistenceOptions>().ResolveSqliteConnectionString()).DataSource;

    // SQLite's online backup copies every page, header included, as replacing the file on a stopped server would.
    private static void Backup(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    private async Task<AuditEvent> HeadAsync()
    {
        AuditEvent? head = null;
        await _host.WithDatabaseAsync(async db => head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        return head!;
    }

    private async Task<AuditVerificationRun> RunJobAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerificationJob>().RunAsync(CancellationToken.None);
    }

    private async Task<(bool Valid, long Checked, long? FirstBrokenSequence, string? Tamper, long? AnchoredSequence)> VerifyAsync()
    {
        var v = (await _host.Admin.QueryAsync(Verify)).GetProperty("verifyAuditTrail");
        return (v.GetProperty("valid").GetBoolean(), v.GetProperty("checked").GetInt64(), NullableLong(v.GetProperty("firstBrokenSequence")),
            v.GetProperty("tamper").ValueKind == JsonValueKind.Null ? null : v.GetProperty("tamper").GetString(), NullableLong(v.GetProperty("anchoredSequence")));
    }

    private static long? NullableLong(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
}
