using System.Text.Json;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Relay;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Models;

/// <summary>The GraphQL documents of the lifecycle mutations, each selecting what a frontend would show and the typed errors.</summary>
public static class LifecycleOperations
{
    private const string Errors = "errors { __typename code message field }";
    private const string ModelFields = "id name updatedAt deletedAt deletedBy keyValueTags { key value } aliases { name version { number } }";
    private const string VersionFields = "id number stage description updatedAt deletedAt deletedBy source runId runLink keyValueTags { key value }";

    /// <summary>renameModel.</summary>
    public const string RenameModel = $"mutation($input: RenameModelInput!) {{ renameModel(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>deleteModel.</summary>
    public const string DeleteModel = $"mutation($input: DeleteModelInput!) {{ deleteModel(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>removeModelAlias.</summary>
    public const string RemoveModelAlias = $"mutation($input: RemoveModelAliasInput!) {{ removeModelAlias(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>setKeyValueTag.</summary>
    public const string SetKeyValueTag = $"mutation($input: SetKeyValueTagInput!) {{ setKeyValueTag(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>deleteKeyValueTag.</summary>
    public const string DeleteKeyValueTag = $"mutation($input: DeleteKeyValueTagInput!) {{ deleteKeyValueTag(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>updateModelVersion.</summary>
    public const string UpdateModelVersion = $"mutation($input: UpdateModelVersionInput!) {{ updateModelVersion(input: $input) {{ modelVersion {{ {VersionFields} }} {Errors} }} }}";
    /// <summary>deleteModelVersion.</summary>
    public const string DeleteModelVersion = $"mutation($input: DeleteModelVersionInput!) {{ deleteModelVersion(input: $input) {{ modelVersion {{ {VersionFields} }} {Errors} }} }}";
    /// <summary>registerModel with its key/value tags.</summary>
    public const string RegisterModel = $"mutation($input: RegisterModelInput!) {{ registerModel(input: $input) {{ model {{ {ModelFields} }} {Errors} }} }}";
    /// <summary>createModelVersion with its MLflow fields.</summary>
    public const string CreateModelVersion = $"mutation($input: CreateModelVersionInput!) {{ createModelVersion(input: $input) {{ modelVersion {{ {VersionFields} }} {Errors} }} }}";
    /// <summary>A model by ID, deleted or not.</summary>
    public const string Model = $"query($id: ID!) {{ node(id: $id) {{ ... on Model {{ {ModelFields} }} }} }}";
    /// <summary>A version by ID, deleted or not.</summary>
    public const string Version = $"query($id: ID!) {{ node(id: $id) {{ ... on ModelVersion {{ {VersionFields} }} }} }}";
}

/// <summary>
/// The model lifecycle through GraphQL: rename, delete, version edits and deletes, alias removal and key/value tags. Each
/// mutation's success as a client reads it back, its main refusals as typed errors naming the input field, the events it
/// chains, and a registry that still deep-verifies afterwards.
/// </summary>
public sealed class LifecycleMutationTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string Team = "lifecycle";
    private const string Missing = "987654321";

    // FORBIDDEN names the role and scope missing, not an input field.
    private static readonly (string, string?) Forbidden = ("FORBIDDEN", null);

    private const string DeepVerify = """
        { verifyAuditTrail(deep: true) { valid deep stateMatches mismatches { subject subjectType field chainedValue storedValue } } }
        """;

    private GovernanceClient Admin => host.Admin;

    private Task<GovernanceClient> ViewerAsync() => host.ClientAsAsync("lifecycle-viewer", (Role.Viewer, AccessScope.Global));

    private Task<GovernanceClient> ContributorAsync() => host.ClientAsAsync("lifecycle-contributor", (Role.Contributor, AccessScope.Global));

    [Fact]
    public async Task Renaming_a_model_moves_its_name_and_chains_MODEL_RENAMED_with_the_reason()
    {
        var oldName = Unique("lc-rename");
        var newName = Unique("lc-renamed");
        var model = await Admin.ModelAsync(oldName, Team);

        var payload = await Admin.MutateAsync(LifecycleOperations.RenameModel, new { id = model, newName, reason = "clearer name" });

        Assert.Equal(newName, payload.GetProperty("model").GetProperty("name").GetString());
        var byOld = await Admin.QueryAsync("query($n: String!) { model(name: $n) { id } }", new { n = oldName });
        var byNew = await Admin.QueryAsync("query($n: String!) { model(name: $n) { id } }", new { n = newName });
        Assert.Equal(JsonValueKind.Null, byOld.GetProperty("model").ValueKind);
        Assert.Equal(model, byNew.GetProperty("model").GetProperty("id").GetString());
        var renamed = Assert.Single(await EventsAsync(model, "MODEL_RENAMED"));
        Assert.Equal("clearer name", renamed.GetProperty("reason").GetString());
        Assert.Equal(oldName, renamed.GetProperty("payload").GetProperty("from").GetString());
        Assert.Equal(newName, renamed.GetProperty("payload").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Renaming_is_refused_for_a_taken_name_an_unknown_model_a_viewer_and_a_model_a_grant_names()
    {
        var taken = Unique("lc-taken");
        await Admin.ModelAsync(taken, Team);
        var governedName = Unique("lc-governed");
        var model = await Admin.ModelAsync(Unique("lc-subject"), Team);
        var governed = await Admin.ModelAsync(governedName, Team);
        await Admin.GrantAsync(Unique("lc-someone"), "VIEWER", "model:" + governedName);
        var viewer = await ViewerAsync();

        Assert.Equal(("NAME_TAKEN", "newName"), await ErrorAsync(Admin, LifecycleOperations.RenameModel, new { id = model, newName = taken }));
        Assert.Equal(("NOT_FOUND", "id"), await ErrorAsync(Admin, LifecycleOperations.RenameModel, new { id = Unknown(model), newName = Unique("lc-x") }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.RenameModel, new { id = Unknown(model, "ModelVersion"), newName = Unique("lc-x") }));
        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.RenameModel, new { id = model, newName = Unique("lc-x") }));
        var (code, field, message) = await FullErrorAsync(Admin, LifecycleOperations.RenameModel, new { id = governed, newName = Unique("lc-x") });
        Assert.Equal(("VALIDATION_FAILED", "id"), (code, field));
        Assert.Contains("model:" + governedName, message, StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(model, "MODEL_RENAMED"));
        Assert.Empty(await EventsAsync(governed, "MODEL_RENAMED"));
    }

    [Fact]
    public async Task Deleting_a_model_keeps_it_readable_with_deletedAt_frees_its_name_and_deletes_its_versions_and_aliases()
    {
        var name = Unique("lc-delete");
        var model = await Admin.ModelAsync(name, Team);
        var version = await Admin.VersionAsync(model);
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "candidate", modelVersionId = version });
        var contributor = await ContributorAsync();

        var payload = await contributor.MutateAsync(LifecycleOperations.DeleteModel, new { id = model, reason = "superseded" });

        var deleted = payload.GetProperty("model");
        Assert.NotEqual(JsonValueKind.Null, deleted.GetProperty("deletedAt").ValueKind);
        Assert.Equal("lifecycle-contributor", deleted.GetProperty("deletedBy").GetString());
        Assert.Empty(deleted.GetProperty("aliases").EnumerateArray());
        var read = (await Admin.QueryAsync(LifecycleOperations.Model, new { id = model })).GetProperty("node");
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("deletedAt").ValueKind);
        var readVersion = (await Admin.QueryAsync(LifecycleOperations.Version, new { id = version })).GetProperty("node");
        Assert.NotEqual(JsonValueKind.Null, readVersion.GetProperty("deletedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Admin.QueryAsync("query($n: String!) { model(name: $n) { id } }", new { n = name })).GetProperty("model").ValueKind);
        var again = await Admin.ModelAsync(name, Team);
        Assert.NotEqual(model, again);
        var deletedEvent = Assert.Single(await EventsAsync(model, "MODEL_DELETED"));
        Assert.Equal("superseded", deletedEvent.GetProperty("reason").GetString());
        var removed = Assert.Single(await EventsAsync(model, "ALIAS_REMOVED"));
        Assert.Equal("superseded", removed.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Deleting_a_model_is_refused_when_a_version_was_in_PRODUCTION_when_a_grant_names_it_and_once_deleted()
    {
        var produced = await Admin.ModelAsync(Unique("lc-produced"), Team);
        var shipped = await ProductionVersionAsync(produced);
        await Admin.PromoteAsync(shipped, "ARCHIVED");
        var governedName = Unique("lc-governed-delete");
        var governed = await Admin.ModelAsync(governedName, Team);
        await Admin.GrantAsync(Unique("lc-someone"), "CONTRIBUTOR", "model:" + governedName);
        var gone = await Admin.ModelAsync(Unique("lc-gone"), Team);
        await Admin.MutateAsync(LifecycleOperations.DeleteModel, new { id = gone });
        var viewer = await ViewerAsync();

        Assert.Equal(("IMMUTABLE", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModel, new { id = produced, reason = "cleanup" }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModel, new { id = governed }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModel, new { id = gone }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.RenameModel, new { id = gone, newName = Unique("lc-x") }));
        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.DeleteModel, new { id = governed }));
        Assert.Equal(("NOT_FOUND", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModel, new { id = Unknown(governed) }));
        foreach (var model in new[] { produced, governed })
        {
            var read = (await Admin.QueryAsync(LifecycleOperations.Model, new { id = model })).GetProperty("node");
            Assert.Equal(JsonValueKind.Null, read.GetProperty("deletedAt").ValueKind);
            Assert.Empty(await EventsAsync(model, "MODEL_DELETED"));
        }
    }

    [Fact]
    public async Task Deleting_a_version_keeps_it_readable_removes_its_aliases_and_never_reuses_its_number()
    {
        var model = await Admin.ModelAsync(Unique("lc-version-delete"), Team);
        var first = await Admin.VersionAsync(model);
        var second = await Admin.VersionAsync(model);
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "challenger", modelVersionId = second });
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "champion", modelVersionId = first });

        var payload = await Admin.MutateAsync(LifecycleOperations.DeleteModelVersion, new { id = second, reason = "bad export" });

        var deleted = payload.GetProperty("modelVersion");
        Assert.Equal(2, deleted.GetProperty("number").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, deleted.GetProperty("deletedAt").ValueKind);
        var read = (await Admin.QueryAsync(LifecycleOperations.Model, new { id = model })).GetProperty("node");
        var alias = Assert.Single(read.GetProperty("aliases").EnumerateArray());
        Assert.Equal("champion", alias.GetProperty("name").GetString());
        var third = await Admin.MutateAsync(LifecycleOperations.CreateModelVersion, new { modelId = model });
        Assert.Equal(3, third.GetProperty("modelVersion").GetProperty("number").GetInt32());
        var versionDeleted = Assert.Single(await EventsAsync(model, "VERSION_DELETED"));
        Assert.Equal("bad export", versionDeleted.GetProperty("reason").GetString());
        Assert.Equal(["challenger"], versionDeleted.GetProperty("payload").GetProperty("aliasesRemoved").EnumerateArray().Select(a => a.GetString()));
        var removed = Assert.Single(await EventsAsync(model, "ALIAS_REMOVED"));
        Assert.Equal("challenger", removed.GetProperty("payload").GetProperty("alias").GetString());
    }

    [Fact]
    public async Task Deleting_a_version_that_was_in_PRODUCTION_is_IMMUTABLE_and_one_that_serves_is_refused()
    {
        var model = await Admin.ModelAsync(Unique("lc-version-kept"), Team);
        var shipped = await ProductionVersionAsync(model);
        await Admin.PromoteAsync(shipped, "STAGING", "demoted");
        var serving = await Admin.VersionAsync(model);
        await Admin.DeploymentAsync(serving);
        var viewer = await ViewerAsync();

        var (code, field, message) = await FullErrorAsync(Admin, LifecycleOperations.DeleteModelVersion, new { id = shipped, reason = "cleanup" });
        Assert.Equal(("IMMUTABLE", "id"), (code, field));
        Assert.Contains("PRODUCTION", message, StringComparison.Ordinal);
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModelVersion, new { id = serving }));
        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.DeleteModelVersion, new { id = serving }));
        Assert.Equal(("NOT_FOUND", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModelVersion, new { id = Unknown(serving) }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModelVersion, new { id = model }));
        Assert.Empty(await EventsAsync(model, "VERSION_DELETED"));
    }

    [Fact]
    public async Task Updating_a_version_changes_its_description_and_chains_VERSION_UPDATED()
    {
        var model = await Admin.ModelAsync(Unique("lc-version-update"), Team);
        var version = await Admin.VersionAsync(model);
        var contributor = await ContributorAsync();

        var payload = await contributor.MutateAsync(LifecycleOperations.UpdateModelVersion, new { id = version, description = "retrained on March data", reason = "typo" });
        var cleared = await contributor.MutateAsync(LifecycleOperations.UpdateModelVersion, new { id = version, description = "" });

        Assert.Equal("retrained on March data", payload.GetProperty("modelVersion").GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("modelVersion").GetProperty("description").ValueKind);
        var events = await EventsAsync(model, "VERSION_UPDATED");
        Assert.Equal(2, events.Count);
        Assert.Equal("typo", events[0].GetProperty("reason").GetString());
        Assert.Equal("lifecycle-contributor", events[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Updating_a_version_is_refused_for_an_unknown_version_and_a_viewer()
    {
        var model = await Admin.ModelAsync(Unique("lc-version-update-refused"), Team);
        var version = await Admin.VersionAsync(model);
        var viewer = await ViewerAsync();

        Assert.Equal(("NOT_FOUND", "id"), await ErrorAsync(Admin, LifecycleOperations.UpdateModelVersion, new { id = Unknown(version), description = "x" }));
        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.UpdateModelVersion, new { id = version, description = "x" }));
        Assert.Empty(await EventsAsync(model, "VERSION_UPDATED"));
    }

    [Fact]
    public async Task Writes_to_a_deleted_version_are_refused_naming_the_field_that_points_at_it()
    {
        var model = await Admin.ModelAsync(Unique("lc-deleted-version"), Team);
        var version = await Admin.VersionAsync(model);
        await Admin.MutateAsync(LifecycleOperations.DeleteModelVersion, new { id = version });

        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.UpdateModelVersion, new { id = version, description = "x" }));
        Assert.Equal(("VALIDATION_FAILED", "id"), await ErrorAsync(Admin, LifecycleOperations.DeleteModelVersion, new { id = version }));
        Assert.Equal(("VALIDATION_FAILED", "versionNumber"),
            await ErrorAsync(Admin, LifecycleOperations.SetKeyValueTag, new { modelId = model, versionNumber = 1, key = "k", value = "v" }));
        Assert.Equal(("VALIDATION_FAILED", "modelVersionId"),
            await ErrorAsync(Admin, Ops.PromoteModelVersion, new { modelVersionId = version, targetStage = "STAGING", reason = "x" }));
        Assert.Empty(await EventsAsync(model, "TAG_SET"));
        Assert.Empty(await EventsAsync(model, "VERSION_UPDATED"));
    }

    [Fact]
    public async Task Removing_an_alias_frees_it_chains_ALIAS_REMOVED_and_needs_a_deployer()
    {
        var model = await Admin.ModelAsync(Unique("lc-alias"), Team);
        var version = await Admin.VersionAsync(model);
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "champion", modelVersionId = version });
        var contributor = await ContributorAsync();

        Assert.Equal(Forbidden, await ErrorAsync(contributor, LifecycleOperations.RemoveModelAlias, new { modelId = model, alias = "champion" }));
        Assert.Equal(("NOT_FOUND", "alias"), await ErrorAsync(Admin, LifecycleOperations.RemoveModelAlias, new { modelId = model, alias = "nope" }));
        Assert.Equal(("NOT_FOUND", "modelId"), await ErrorAsync(Admin, LifecycleOperations.RemoveModelAlias, new { modelId = Unknown(model), alias = "champion" }));
        var payload = await Admin.MutateAsync(LifecycleOperations.RemoveModelAlias, new { modelId = model, alias = "champion", reason = "rollback" });

        Assert.Empty(payload.GetProperty("model").GetProperty("aliases").EnumerateArray());
        var removed = Assert.Single(await EventsAsync(model, "ALIAS_REMOVED"));
        Assert.Equal("rollback", removed.GetProperty("reason").GetString());
        Assert.Equal(1, removed.GetProperty("payload").GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Key_value_tags_of_a_model_and_a_version_are_set_replaced_and_deleted_with_TAG_SET_and_TAG_DELETED()
    {
        var model = await Admin.ModelAsync(Unique("lc-tags"), Team);
        await Admin.VersionAsync(model);
        var contributor = await ContributorAsync();

        await contributor.MutateAsync(LifecycleOperations.SetKeyValueTag, new { modelId = model, key = "team.owner", value = "fraud", reason = "ownership" });
        var replaced = await contributor.MutateAsync(LifecycleOperations.SetKeyValueTag, new { modelId = model, key = "team.owner", value = "risk" });
        await contributor.MutateAsync(LifecycleOperations.SetKeyValueTag, new { modelId = model, versionNumber = 1, key = "validated", value = (string?)null });

        Assert.Equal([("team.owner", "risk")], Tags(replaced.GetProperty("model")));
        var version = await VersionTagsAsync(model, 1);
        Assert.Equal([("validated", "")], version);
        var set = await EventsAsync(model, "TAG_SET");
        Assert.Equal(3, set.Count);
        Assert.Equal("ownership", set[0].GetProperty("reason").GetString());
        Assert.Equal("fraud", set[1].GetProperty("payload").GetProperty("previous").GetString());
        Assert.Equal(1, set[2].GetProperty("payload").GetProperty("version").GetInt32());

        var afterModelDelete = await contributor.MutateAsync(LifecycleOperations.DeleteKeyValueTag, new { modelId = model, key = "team.owner", reason = "moved" });
        await contributor.MutateAsync(LifecycleOperations.DeleteKeyValueTag, new { modelId = model, versionNumber = 1, key = "validated" });

        Assert.Empty(afterModelDelete.GetProperty("model").GetProperty("keyValueTags").EnumerateArray());
        Assert.Empty(await VersionTagsAsync(model, 1));
        var deleted = await EventsAsync(model, "TAG_DELETED");
        Assert.Equal(2, deleted.Count);
        Assert.Equal("moved", deleted[0].GetProperty("reason").GetString());
        Assert.Equal("risk", deleted[0].GetProperty("payload").GetProperty("previous").GetString());
    }

    [Fact]
    public async Task Key_value_tag_writes_are_refused_for_a_viewer_an_unknown_version_or_key_and_an_empty_key()
    {
        var model = await Admin.ModelAsync(Unique("lc-tags-refused"), Team);
        await Admin.VersionAsync(model);
        var viewer = await ViewerAsync();

        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.SetKeyValueTag, new { modelId = model, key = "k", value = "v" }));
        Assert.Equal(("NOT_FOUND", "modelId"), await ErrorAsync(Admin, LifecycleOperations.SetKeyValueTag, new { modelId = Unknown(model), key = "k", value = "v" }));
        Assert.Equal(("NOT_FOUND", "versionNumber"), await ErrorAsync(Admin, LifecycleOperations.SetKeyValueTag, new { modelId = model, versionNumber = 7, key = "k", value = "v" }));
        Assert.Equal(("VALIDATION_FAILED", "key"), await ErrorAsync(Admin, LifecycleOperations.SetKeyValueTag, new { modelId = model, key = " ", value = "v" }));
        Assert.Equal(("NOT_FOUND", "key"), await ErrorAsync(Admin, LifecycleOperations.DeleteKeyValueTag, new { modelId = model, key = "absent" }));
        Assert.Equal(("NOT_FOUND", "versionNumber"), await ErrorAsync(Admin, LifecycleOperations.DeleteKeyValueTag, new { modelId = model, versionNumber = 7, key = "k" }));
        Assert.Equal(Forbidden, await ErrorAsync(viewer, LifecycleOperations.DeleteKeyValueTag, new { modelId = model, versionNumber = 1, key = "k" }));
        Assert.Empty(await EventsAsync(model, "TAG_SET"));
    }

    [Fact]
    public async Task Registering_a_model_and_creating_a_version_take_key_value_tags_and_the_run_fields()
    {
        var registered = await Admin.MutateAsync(LifecycleOperations.RegisterModel, new
        {
            name = Unique("lc-born-tagged"), owner = Team, task = "CLASSIFICATION",
            keyValueTags = new object[] { new { key = "b", value = "1" }, new { key = "a" }, new { key = "b", value = "2" } },
        });
        var model = registered.GetProperty("model");
        var created = await Admin.MutateAsync(LifecycleOperations.CreateModelVersion, new
        {
            modelId = model.GetProperty("id").GetString(),
            source = "s3://models/fraud/7", runId = "run-7", runLink = "https://runs.example.com/7",
            keyValueTags = new[] { new { key = "dataset", value = "march" } },
        });

        Assert.Equal([("a", ""), ("b", "2")], Tags(model));
        var version = created.GetProperty("modelVersion");
        Assert.Equal("s3://models/fraud/7", version.GetProperty("source").GetString());
        Assert.Equal("run-7", version.GetProperty("runId").GetString());
        Assert.Equal("https://runs.example.com/7", version.GetProperty("runLink").GetString());
        Assert.Equal([("dataset", "march")], Tags(version));
        Assert.Equal(("VALIDATION_FAILED", "source"), await ErrorAsync(Admin, LifecycleOperations.CreateModelVersion,
            new { modelId = model.GetProperty("id").GetString(), source = "s3://models/../secrets" }));
        Assert.Equal(("VALIDATION_FAILED", "keyValueTags"), await ErrorAsync(Admin, LifecycleOperations.RegisterModel,
            new { name = Unique("lc-bad-tag"), owner = Team, task = "CLASSIFICATION", keyValueTags = new[] { new { key = "" } } }));
    }

    [Fact]
    public async Task After_every_lifecycle_mutation_the_registry_still_deep_verifies_with_no_mismatch()
    {
        var model = await Admin.ModelAsync(Unique("lc-verified"), Team);
        var first = await Admin.VersionAsync(model);
        var second = await Admin.VersionAsync(model);
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "champion", modelVersionId = first });
        await Admin.MutateAsync(Ops.SetModelAlias, new { modelId = model, alias = "challenger", modelVersionId = second });
        await Admin.MutateAsync(LifecycleOperations.RenameModel, new { id = model, newName = Unique("lc-verified-renamed"), reason = "rename" });
        await Admin.MutateAsync(LifecycleOperations.SetKeyValueTag, new { modelId = model, key = "k", value = "v" });
        await Admin.MutateAsync(LifecycleOperations.SetKeyValueTag, new { modelId = model, versionNumber = 1, key = "k", value = "v" });
        await Admin.MutateAsync(LifecycleOperations.DeleteKeyValueTag, new { modelId = model, key = "k" });
        await Admin.MutateAsync(LifecycleOperations.UpdateModelVersion, new { id = first, description = "edited" });
        await Admin.MutateAsync(LifecycleOperations.RemoveModelAlias, new { modelId = model, alias = "champion" });
        await Admin.MutateAsync(LifecycleOperations.DeleteModelVersion, new { id = second, reason = "bad" });
        var other = await Admin.ModelAsync(Unique("lc-verified-deleted"), Team);
        await Admin.VersionAsync(other);
        await Admin.MutateAsync(LifecycleOperations.DeleteModel, new { id = other, reason = "gone" });

        var verification = (await Admin.QueryAsync(DeepVerify)).GetProperty("verifyAuditTrail");

        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("deep").GetBoolean());
        Assert.Empty(verification.GetProperty("mismatches").EnumerateArray());
        Assert.True(verification.GetProperty("stateMatches").GetBoolean(), verification.ToString());
    }

    // A version of the model brought to PRODUCTION under the default policy: requested by the admin, approved by another.
    private async Task<string> ProductionVersionAsync(string model)
    {
        var version = await Admin.VersionAsync(model);
        await Admin.PromoteAsync(version, "STAGING");
        var request = await Admin.PendingProductionRequestAsync(version);
        var approver = await host.ClientAsAsync("lifecycle-approver", (Role.Approver, AccessScope.Global));
        var decided = await approver.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = request, comment = "ok" });
        Assert.Equal("PRODUCTION", decided.GetProperty("promotionRequest").GetProperty("modelVersion").GetProperty("stage").GetString());
        return version;
    }

    private static async Task<(string Code, string? Field)> ErrorAsync(GovernanceClient client, string document, object input)
    {
        var (code, field, _) = await FullErrorAsync(client, document, input);
        return (code, field);
    }

    private static async Task<(string Code, string? Field, string Message)> FullErrorAsync(GovernanceClient client, string document, object input)
    {
        var payload = await client.PayloadAsync(document, input);
        var errors = payload.GetProperty("errors");
        Assert.True(errors.ValueKind == JsonValueKind.Array, $"The mutation was not refused: {payload}");
        var error = Assert.Single(errors.EnumerateArray());
        Assert.EndsWith("Error", error.GetProperty("__typename").GetString(), StringComparison.Ordinal);
        return (error.GetProperty("code").GetString()!, error.GetProperty("field").GetString(), error.GetProperty("message").GetString()!);
    }

    private async Task<List<JsonElement>> EventsAsync(string model, string type)
    {
        var data = await Admin.QueryAsync(
            "query($id: ID!, $type: String!) { registryEvents(first: 50, where: { modelId: { eq: $id }, type: { eq: $type } }) { nodes { type actor reason payload } } }",
            new { id = model, type });
        return [.. data.GetProperty("registryEvents").GetProperty("nodes").EnumerateArray()];
    }

    private async Task<List<(string, string)>> VersionTagsAsync(string model, int number)
    {
        var data = await Admin.QueryAsync("query($id: ID!, $n: Int!) { node(id: $id) { ... on Model { version(number: $n) { keyValueTags { key value } } } } }",
            new { id = model, n = number });
        return Tags(data.GetProperty("node").GetProperty("version"));
    }

    private static List<(string, string)> Tags(JsonElement owner)
        => [.. owner.GetProperty("keyValueTags").EnumerateArray().Select(t => (t.GetProperty("key").GetString()!, t.GetProperty("value").GetString()!))];

    // The same key under another (or the same) node type: an ID that decodes but names nothing.
    private static string Unknown(string id, string? type = null)
    {
        Assert.True(GlobalId.TryDecode(id, out var decodedType, out _));
        return GlobalId.Encode(type ?? decodedType, long.Parse(Missing));
    }
}
