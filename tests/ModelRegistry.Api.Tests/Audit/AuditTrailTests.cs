using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>The audit event each mutation writes, in the same transaction, on a verifiable hash chain.</summary>
public sealed class AuditTrailTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    /// <summary>Runs <paramref name="act"/> and returns the audit events it added.</summary>
    private async Task<List<AuditEvent>> EventsOfAsync(Func<Task> act)
    {
        var before = (await factory.AuditEventsAsync()).Count;
        await act();
        return [.. (await factory.AuditEventsAsync()).Skip(before)];
    }

    private static void AssertEvent(AuditEvent e, string type, string subjectType, string subjectId, string? reason = null)
    {
        Assert.Equal(type, e.Type);
        Assert.Equal(subjectType, e.SubjectType);
        Assert.Equal(Ids.KeyOf(subjectId), e.SubjectId);
        Assert.Equal(TestCredentials.AdminPrincipal, e.Actor);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(DateTimeKind.Utc, e.OccurredAt.Kind);
        Assert.InRange(e.OccurredAt, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Model_mutations_write_MODEL_REGISTERED_MODEL_UPDATED_and_ALIAS_SET_with_their_reasons()
    {
        string modelId = "", versionId = "";
        var registered = await EventsOfAsync(async () => modelId = await client.RegisterModelAsync());
        var updated = await EventsOfAsync(() => client.MutateAsync(Operations.UpdateModel, new { id = modelId, description = "New", reason = "Card review" }));
        versionId = await client.CreateVersionAsync(modelId);
        var aliased = await EventsOfAsync(() => client.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "champion", modelVersionId = versionId, reason = "Best" }));

        AssertEvent(Assert.Single(registered), EventTypes.ModelRegistered, "Model", modelId);
        Assert.Equal(Ids.KeyOf(modelId), registered[0].ModelId);
        AssertEvent(Assert.Single(updated), EventTypes.ModelUpdated, "Model", modelId, "Card review");
        AssertEvent(Assert.Single(aliased), EventTypes.AliasSet, "Model", modelId, "Best");
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_no_event()
    {
        var modelId = await client.RegisterModelAsync();
        await client.MutateAsync(Operations.UpdateModel, new { id = modelId, description = "Same" });

        var events = await EventsOfAsync(() => client.MutateAsync(Operations.UpdateModel, new { id = modelId, description = "Same" }));

        Assert.Empty(events);
    }

    [Fact]
    public async Task Version_mutations_write_VERSION_CREATED_PROMOTION_REQUESTED_and_STAGE_CHANGED()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = "";
        var created = await EventsOfAsync(async () => versionId = await client.CreateVersionAsync(modelId));
        var promoted = await EventsOfAsync(() => client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "ARCHIVED", reason = "Obsolete" }));
        var restored = await EventsOfAsync(() => client.MutateAsync(Operations.RestoreModelVersion, new { modelVersionId = versionId, reason = "Needed again" }));

        AssertEvent(Assert.Single(created), EventTypes.VersionCreated, "ModelVersion", versionId);
        Assert.Equal(Ids.KeyOf(modelId), created[0].ModelId);
        Assert.Equal(2, promoted.Count);
        Assert.Equal(EventTypes.PromotionRequested, promoted[0].Type);
        Assert.Equal(("PromotionRequest", "Obsolete"), (promoted[0].SubjectType, promoted[0].Reason));
        AssertEvent(promoted[1], EventTypes.StageChanged, "ModelVersion", versionId, "Obsolete");
        Assert.Contains("\"ARCHIVED\"", promoted[1].PayloadJson);
        AssertEvent(Assert.Single(restored), EventTypes.StageChanged, "ModelVersion", versionId, "Needed again");
        Assert.Equal(Ids.KeyOf(modelId), restored[0].ModelId);
    }

    [Fact]
    public async Task Dataset_and_lineage_mutations_write_their_events()
    {
        string datasetId = "", datasetVersionId = "", edgeId = "";
        var registered = await EventsOfAsync(async () => datasetId = await client.RegisterDatasetAsync());
        var versioned = await EventsOfAsync(async () => datasetVersionId = await client.CreateDatasetVersionAsync(datasetId));
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);
        var added = await EventsOfAsync(async () => edgeId = await client.AddEdgeAsync(datasetVersionId, versionId, "VALIDATED_ON"));
        var closed = await EventsOfAsync(() => client.MutateAsync(Operations.CloseLineageEdge, new { id = edgeId, reason = "Leaked labels" }));

        AssertEvent(Assert.Single(registered), EventTypes.DatasetRegistered, "Dataset", datasetId);
        Assert.Null(registered[0].ModelId);
        AssertEvent(Assert.Single(versioned), EventTypes.DatasetVersionCreated, "DatasetVersion", datasetVersionId);
        AssertEvent(Assert.Single(added), EventTypes.LineageEdgeAdded, "LineageEdge", edgeId);
        Assert.Equal(Ids.KeyOf(modelId), added[0].ModelId);
        Assert.Contains("VALIDATED_ON", added[0].PayloadJson);
        AssertEvent(Assert.Single(closed), EventTypes.LineageEdgeClosed, "LineageEdge", edgeId, "Leaked labels");
    }

    [Fact]
    public async Task Deployment_mutations_write_DEPLOYMENT_RECORDED_and_DEPLOYMENT_UPDATED()
    {
        var modelId = await client.RegisterModelAsync();
        var versionId = await client.CreateVersionAsync(modelId);
        var deploymentId = "";
        var recorded = await EventsOfAsync(async () => deploymentId = await client.RecordDeploymentAsync(versionId, "portal"));
        var updated = await EventsOfAsync(() => client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "DRAINING", reason = "Canary" }));

        AssertEvent(Assert.Single(recorded), EventTypes.DeploymentRecorded, "Deployment", deploymentId);
        Assert.Equal(Ids.KeyOf(modelId), recorded[0].ModelId);
        Assert.Contains("portal", recorded[0].PayloadJson);
        AssertEvent(Assert.Single(updated), EventTypes.DeploymentUpdated, "Deployment", deploymentId, "Canary");
    }

    [Fact]
    public async Task Refused_mutations_write_no_event()
    {
        var name = RegistryArrange.UniqueName("refused");
        var modelId = await client.RegisterModelAsync(name);
        var versionId = await client.CreateVersionAsync(modelId);
        var deploymentId = await client.RecordDeploymentAsync(versionId);
        await client.MutateAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "RETIRED" });

        var events = await EventsOfAsync(async () =>
        {
            await client.MutateExpectingErrorAsync(Operations.RegisterModel, new { name, task = "OTHER", owner = "x" });
            await client.MutateExpectingErrorAsync(Operations.PromoteModelVersion, new { modelVersionId = versionId, targetStage = "PRODUCTION", reason = "skip" });
            await client.MutateExpectingErrorAsync(Operations.CreateModelVersion, new { modelId, trainedOn = new[] { Ids.Unknown("DatasetVersion") } });
            await client.MutateExpectingErrorAsync(Operations.AddLineageEdge, new { sourceId = versionId, targetId = versionId, relation = "DERIVED_FROM" });
            await client.MutateExpectingErrorAsync(Operations.UpdateDeploymentStatus, new { id = deploymentId, status = "ACTIVE" });
            await client.MutateExpectingErrorAsync(Operations.RecordDeployment, new { modelVersionId = versionId, environment = "prod", trafficPercent = 200 });
        });

        Assert.Empty(events);
    }

    [Fact]
    public async Task The_hash_chain_verifies_over_the_whole_table_and_sequences_have_no_gap()
    {
        var modelId = await client.RegisterModelAsync();
        await client.PromoteAsync(await client.CreateVersionAsync(modelId), "STAGING", "PRODUCTION");

        var events = await factory.AuditEventsAsync();

        Assert.NotEmpty(events);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        var previous = AuditChain.Genesis;
        foreach (var e in events)
        {
            Assert.True(AuditChain.IsIntact(e, previous), $"Event {e.Sequence} ({e.Type}) breaks the chain");
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task Rewriting_a_stored_reason_is_detected_by_the_chain()
    {
        var modelId = await client.RegisterModelAsync();
        await client.MutateAsync(Operations.UpdateModel, new { id = modelId, description = "Tampered later", reason = "Original reason" });
        var target = (await factory.AuditEventsAsync()).Last();

        await factory.ChangeDatabaseAsync(db => db.AuditEvents.Where(e => e.Sequence == target.Sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, "Rewritten reason")));

        var events = await factory.AuditEventsAsync();
        var tampered = events.Single(e => e.Sequence == target.Sequence);
        var predecessor = events.Single(e => e.Sequence == target.Sequence - 1);
        Assert.False(AuditChain.IsIntact(tampered, predecessor.Hash));
        await factory.ChangeDatabaseAsync(db => db.AuditEvents.Where(e => e.Sequence == target.Sequence)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, target.Reason)));
    }
}
