using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Reports;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Persistence;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>
/// verifyAuditTrail(deep: true) against governed state edited straight in SQLite: the chain itself is untouched, so the
/// plain walk still answers valid, and the deep comparison names each edited value. Each test puts its rows back.
/// </summary>
public sealed class DeepVerificationTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string DeepVerify = """
        { verifyAuditTrail(deep: true) { valid checked deep stateMatches eventsReplayed rowsCompared
            mismatches { subject subjectType field chainedValue storedValue } unvouched { subject subjectType field reason } } }
        """;

    [Fact]
    public async Task A_registry_changed_only_through_the_API_deep_verifies_with_no_mismatch()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-clean"), "deep");
        var version = await host.Admin.VersionAsync(model, ("auc", 0.92));
        await host.Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "prod", modelVersionId = version });
        await host.Admin.MutateAsync(Ops.UpdateModel, new { id = model, description = "described" });
        var deployment = await host.Admin.DeploymentAsync(version);
        await host.Admin.MutateAsync(Ops.UpdateDeploymentStatus, new { id = deployment, status = "DRAINING", trafficPercent = 10 });
        await host.Admin.GrantAsync(Unique("deep-viewer"), "VIEWER", "global");

        var verification = await DeepAsync();

        Assert.True(verification.GetProperty("valid").GetBoolean());
        Assert.True(verification.GetProperty("deep").GetBoolean());
        Assert.Empty(verification.GetProperty("mismatches").EnumerateArray());
        Assert.True(verification.GetProperty("stateMatches").GetBoolean());
        Assert.True(verification.GetProperty("rowsCompared").GetInt64() > 0);
    }

    [Fact]
    public async Task Without_deep_the_answer_keeps_its_shape_and_compares_nothing()
    {
        var verification = (await host.Admin.QueryAsync("{ verifyAuditTrail { valid deep stateMatches mismatches { field } } }")).GetProperty("verifyAuditTrail");

        Assert.True(verification.GetProperty("valid").GetBoolean());
        Assert.False(verification.GetProperty("deep").GetBoolean());
        Assert.Equal(JsonValueKind.Null, verification.GetProperty("stateMatches").ValueKind);
        Assert.Empty(verification.GetProperty("mismatches").EnumerateArray());
    }

    [Fact]
    public async Task A_metric_edited_in_the_database_is_named_with_its_chained_and_stored_value_while_the_chain_stays_valid()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-metric"), "deep");
        var version = await host.Admin.VersionAsync(model, ("auc", 0.92));
        var key = Ids.KeyOf(version);

        await TamperAsync(
            db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.99)),
            db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.92)),
            verification => AssertMismatch(verification, version, "metrics.auc.value", "0.92", "0.99"));
    }

    [Fact]
    public async Task A_stage_an_alias_target_a_grant_and_a_lineage_edge_edited_in_the_database_are_each_named()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-state"), "deep");
        var first = await host.Admin.VersionAsync(model);
        var second = await host.Admin.VersionAsync(model);
        await host.Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "prod", modelVersionId = first });
        var dataset = await host.Admin.DatasetAsync(Unique("deep-data"), "deep");
        var data = await host.Admin.DatasetVersionAsync(dataset, "v1");
        var edge = await host.Admin.EdgeAsync(data, first);
        var grant = await host.Admin.GrantAsync(Unique("deep-grantee"), "VIEWER", "team:deep");
        long firstKey = Ids.KeyOf(first), secondKey = Ids.KeyOf(second), modelKey = Ids.KeyOf(model), edgeKey = Ids.KeyOf(edge), grantKey = Ids.KeyOf(grant);

        await TamperAsync(
            async db =>
            {
                await db.ModelVersions.Where(v => v.Id == firstKey).ExecuteUpdateAsync(s => s.SetProperty(v => v.Stage, ModelStage.Production));
                await db.ModelAliases.Where(a => a.ModelId == modelKey).ExecuteUpdateAsync(s => s.SetProperty(a => a.ModelVersionId, secondKey));
                await db.RoleAssignments.Where(g => g.Id == grantKey).ExecuteUpdateAsync(s => s.SetProperty(g => g.Role, Role.Admin));
                await db.LineageEdges.Where(e => e.Id == edgeKey).ExecuteUpdateAsync(s => s.SetProperty(e => e.TargetId, secondKey));
            },
            async db =>
            {
                await db.ModelVersions.Where(v => v.Id == firstKey).ExecuteUpdateAsync(s => s.SetProperty(v => v.Stage, ModelStage.Development));
                await db.ModelAliases.Where(a => a.ModelId == modelKey).ExecuteUpdateAsync(s => s.SetProperty(a => a.ModelVersionId, firstKey));
                await db.RoleAssignments.Where(g => g.Id == grantKey).ExecuteUpdateAsync(s => s.SetProperty(g => g.Role, Role.Viewer));
                await db.LineageEdges.Where(e => e.Id == edgeKey).ExecuteUpdateAsync(s => s.SetProperty(e => e.TargetId, firstKey));
            },
            verification =>
            {
                AssertMismatch(verification, first, "stage", "DEVELOPMENT", "PRODUCTION");
                AssertMismatch(verification, model, "aliases.prod", "version 1", "version 2");
                AssertMismatch(verification, grant, "role", "VIEWER", "ADMIN");
                AssertMismatch(verification, edge, "target", $"ModelVersion:{firstKey}", $"ModelVersion:{secondKey}");
            });
    }

    [Fact]
    public async Task A_row_inserted_behind_the_registrys_back_is_a_mismatch_with_no_chained_value()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-insert"), "deep");
        var version = await host.Admin.VersionAsync(model);
        var key = Ids.KeyOf(version);
        await TamperAsync(
            async db =>
            {
                db.Metrics.Add(new Metric { ModelVersionId = key, Name = "forged", Value = 1 });
                await db.SaveChangesAsync();
            },
            db => db.Metrics.Where(m => m.ModelVersionId == key && m.Name == "forged").ExecuteDeleteAsync(),
            verification => AssertMismatch(verification, version, "metrics.forged.value", null, "1"));
    }

    [Fact]
    public async Task The_report_of_a_model_whose_metric_was_edited_lists_the_mismatch_beside_a_valid_chain()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-report"), "deep");
        var version = await host.Admin.VersionAsync(model, ("auc", 0.92));
        var key = Ids.KeyOf(version);

        await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.99)));
        try
        {
            var report = (await host.Admin.QueryAsync("query($id: ID!) { complianceReport(modelId: $id) { content auditVerified stateVerified } }", new { id = model }))
                .GetProperty("complianceReport");

            Assert.True(report.GetProperty("auditVerified").GetBoolean());
            Assert.False(report.GetProperty("stateVerified").GetBoolean());
            var content = report.GetProperty("content").GetString()!;
            Assert.Contains("| Live state matches the chain | NO: 1 stored values differ from the chain |", content);
            Assert.Contains("| version 1 | metrics.auc.value | 0.92 | 0.99 |", content);
            Assert.Contains(ComplianceReportBuilder.StateMethod, content);
        }
        finally
        {
            await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.92)));
        }
    }

    [Fact]
    public async Task The_nightly_job_compares_the_state_too_and_records_how_many_values_differ_from_the_chain()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-job"), "deep");
        var version = await host.Admin.VersionAsync(model, ("f1", 0.5));
        var key = Ids.KeyOf(version);
        await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.75)));
        try
        {
            AuditVerificationRun run;
            await using (var scope = host.Services.CreateAsyncScope())
                run = await scope.ServiceProvider.GetRequiredService<AuditVerificationJob>().RunAsync(CancellationToken.None);

            Assert.True(run.Verification.Valid);
            Assert.Contains(run.State.Mismatches, m => m.SubjectId == key && m.Field == "metrics.f1.value" && m.ChainedValue == "0.5" && m.StoredValue == "0.75");
            AuditEvent? recorded = null;
            await host.WithDatabaseAsync(async db => recorded = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
            Assert.Equal(EventTypes.AuditVerified, recorded!.Type);
            Assert.Contains($"\"stateMismatches\":{run.State.Mismatches.Count}", recorded.PayloadJson);
            Assert.Contains("\"valid\":true", recorded.PayloadJson);
        }
        finally
        {
            await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.5)));
        }
    }

    [Fact]
    public async Task The_promotion_policy_refuses_a_version_whose_metric_was_edited_with_STATE_MISMATCH_naming_the_field()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-policy"), "deep");
        var name = (await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { name } } }", new { id = model }))
            .GetProperty("node").GetProperty("name").GetString();
        await host.Admin.MutateAsync(Ops.SetPromotionPolicy, new { scope = $"model:{name}", targetStage = "STAGING", requiredApprovals = 0, metricName = "auc", metricMinimum = 0.95 });
        var version = await host.Admin.VersionAsync(model, ("auc", 0.92));
        var key = Ids.KeyOf(version);
        await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.99)));

        var (code, message) = await host.Admin.RefusedAsync(Ops.PromoteModelVersion, new { modelVersionId = version, targetStage = "STAGING", reason = "looks good" });

        Assert.Equal("STATE_MISMATCH", code);
        Assert.Contains("metrics.auc.value", message);
        Assert.Contains("0.99", message);
        Assert.Contains("0.92", message);
        var stage = (await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { stage } } }", new { id = version }))
            .GetProperty("node").GetProperty("stage").GetString();
        Assert.Equal("DEVELOPMENT", stage);
        await host.WithDatabaseAsync(db => db.Metrics.Where(m => m.ModelVersionId == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, 0.92)));
    }

    [Fact]
    public async Task A_chain_written_with_the_old_payload_shapes_still_verifies_and_deep_verification_says_what_it_cannot_vouch_for()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-old"), "deep");
        var dataset = await host.Admin.DatasetAsync(Unique("deep-old-data"), "deep");
        var data = await host.Admin.DatasetVersionAsync(dataset, "v1");
        var created = await host.Admin.MutateAsync(Ops.CreateModelVersion,
            new { modelId = model, trainedOn = new[] { data }, metrics = new[] { new { name = "auc", value = 0.9 } }, hyperparameters = new { lr = 0.1 } });
        var version = created.GetProperty("modelVersion").GetProperty("id").GetString()!;
        long versionKey = Ids.KeyOf(version), dataKey = Ids.KeyOf(data);
        // The payload the write path stored before events carried parameters and edge keys, re-chained from there on, as if
        // the old code had written it before the chain was anchored; the next start adopts it, as on upgrade.
        var oldShape = $$"""{"model":"{{await NameAsync(model)}}","number":1,"trainedOn":[{{dataKey}}],"metrics":[{"name":"auc","value":0.9,"split":null}]}""";
        await host.WithDatabaseAsync(db => RechainAsync(db, versionKey, oldShape));
        await AdoptUnanchoredLogAsync();

        var verification = await DeepAsync();

        Assert.True(verification.GetProperty("valid").GetBoolean());
        Assert.DoesNotContain(verification.GetProperty("mismatches").EnumerateArray(), m => m.GetProperty("subject").GetString() == version);
        var unvouched = verification.GetProperty("unvouched").EnumerateArray()
            .Select(u => (u.GetProperty("subjectType").GetString(), u.GetProperty("field").GetString())).ToList();
        Assert.Contains(("ModelVersion", "hyperparameters"), unvouched);
        Assert.Contains(("LineageEdge", "row"), unvouched);
    }

    [Fact]
    public async Task Update_events_carry_the_old_values_beside_the_new()
    {
        var model = await host.Admin.ModelAsync(Unique("deep-before"), "deep", description: "first words");
        var first = await host.Admin.VersionAsync(model);
        var second = await host.Admin.VersionAsync(model);
        await host.Admin.MutateAsync(Ops.UpdateModel, new { id = model, description = "second words" });
        await host.Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "prod", modelVersionId = first });
        await host.Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "prod", modelVersionId = second });
        var deployment = await host.Admin.DeploymentAsync(first);
        await host.Admin.MutateAsync(Ops.UpdateDeploymentStatus, new { id = deployment, status = "ACTIVE", trafficPercent = 40 });
        await host.Admin.MutateAsync(Ops.UpdateDeploymentStatus, new { id = deployment, status = "DRAINING", trafficPercent = 10 });

        var events = (await host.Admin.QueryAsync(
                "query($m: ID!) { registryEvents(first: 100, where: { modelId: { eq: $m } }) { nodes { type payload } } }", new { m = model }))
            .GetProperty("registryEvents").GetProperty("nodes").EnumerateArray().ToList();
        JsonElement Last(string type) => events.Last(e => e.GetProperty("type").GetString() == type).GetProperty("payload");

        var updated = Last(EventTypes.ModelUpdated);
        Assert.Equal(("second words", "first words"),
            (updated.GetProperty("description").GetString(), updated.GetProperty("before").GetProperty("description").GetString()));
        var alias = Last(EventTypes.AliasSet);
        Assert.Equal((2, 1), (alias.GetProperty("version").GetInt32(), alias.GetProperty("previousVersion").GetInt32()));
        var deploymentUpdate = Last(EventTypes.DeploymentUpdated);
        Assert.Equal(("ACTIVE", "DRAINING"), (deploymentUpdate.GetProperty("from").GetString(), deploymentUpdate.GetProperty("to").GetString()));
        Assert.Equal((10, 40), (deploymentUpdate.GetProperty("trafficPercent").GetInt32(), deploymentUpdate.GetProperty("previous").GetProperty("trafficPercent").GetInt32()));
    }

    private async Task<string> NameAsync(string model)
        => (await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { name } } }", new { id = model }))
            .GetProperty("node").GetProperty("name").GetString()!;

    private static async Task RechainAsync(RegistryDbContext db, long versionKey, string payload)
    {
        var target = await db.AuditEvents.SingleAsync(e => e.Type == EventTypes.VersionCreated && e.SubjectId == versionKey);
        target.PayloadJson = payload;
        var events = await db.AuditEvents.Where(e => e.Sequence >= target.Sequence).OrderBy(e => e.Sequence).ToListAsync();
        var previous = await db.AuditEvents.Where(e => e.Sequence == target.Sequence - 1).Select(e => e.Hash).SingleAsync();
        foreach (var e in events)
        {
            AuditChain.Seal(e, previous);
            previous = e.Hash;
        }
        await db.SaveChangesAsync();
    }

    // What the first start with anchoring does with a log written before it: seal every event and anchor the head.
    private async Task AdoptUnanchoredLogAsync()
    {
        var anchor = host.Services.GetRequiredService<AuditAnchor>();
        File.Delete(anchor.AnchorPath);
        await host.WithDatabaseAsync(async db =>
        {
            await db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Mac, (string?)null));
            await AuditAnchoring.PrepareAsync(db, anchor, db.Database.IsNpgsql() ? new ModelRegistry.Infrastructure.Postgres.PostgresAuditHeadMarker(db) : new SqliteAuditHeadMarker(db), NullLogger.Instance, CancellationToken.None);
        });
    }

    private async Task TamperAsync(Func<RegistryDbContext, Task> tamper, Func<RegistryDbContext, Task> restore, Action<JsonElement> check)
    {
        await host.WithDatabaseAsync(tamper);
        try
        {
            var verification = await DeepAsync();
            Assert.True(verification.GetProperty("valid").GetBoolean(), "Only state was touched: the chain itself still verifies.");
            Assert.False(verification.GetProperty("stateMatches").GetBoolean());
            check(verification);
        }
        finally
        {
            await host.WithDatabaseAsync(restore);
        }
    }

    private async Task<JsonElement> DeepAsync() => (await host.Admin.QueryAsync(DeepVerify)).GetProperty("verifyAuditTrail");

    private static void AssertMismatch(JsonElement verification, string subject, string field, string? chained, string? stored)
    {
        var mismatches = verification.GetProperty("mismatches").EnumerateArray()
            .Select(m => (m.GetProperty("subject").GetString(), m.GetProperty("field").GetString(), Text(m.GetProperty("chainedValue")), Text(m.GetProperty("storedValue"))))
            .ToList();
        Assert.Contains((subject, field, chained, stored), mismatches);
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();
}
