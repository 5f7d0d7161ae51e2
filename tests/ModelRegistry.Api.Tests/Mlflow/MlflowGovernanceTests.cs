using System.Net;
using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Reports;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// Governance through the facade: approvals answer 409 ABORTED and are applied through GraphQL, every write is audited,
/// roles and read scopes hold (PERMISSION_DENIED, and RESOURCE_DOES_NOT_EXIST for what the caller cannot read), the
/// credentials MLflow's client sends are accepted, and deletes and tags stay visible to governance through GraphQL.
/// </summary>
public sealed class MlflowGovernanceTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private MlflowApi Api => MlflowApi.Admin(factory);

    private const string PendingRequests = """
        query($name: String!) { promotionRequests(first: 100, where: { status: { eq: PENDING }, modelVersion: { model: { name: { eq: $name } } } }) {
          nodes { id status targetStage modelVersion { number stage } } } }
        """;

    [Fact]
    public async Task A_transition_needing_approval_answers_409_ABORTED_and_leaves_a_PENDING_request_that_GraphQL_approval_applies()
    {
        var name = Unique("gov-approve");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");
        await Api.TransitionOkAsync(name, "1", "Staging");
        await factory.Admin().MutateAsync(Ops.SetPromotionPolicy, new { scope = "model:" + name, targetStage = "PRODUCTION", requiredApprovals = 1 });

        var first = await Api.TransitionAsync(name, "1", "Production");
        var again = await Api.TransitionAsync(name, "1", "Production");

        var message = first.Error(HttpStatusCode.Conflict, "ABORTED");
        var requests = (await factory.Admin().QueryAsync(PendingRequests, new { name })).GetProperty("promotionRequests").GetProperty("nodes").EnumerateArray().ToList();
        var request = Assert.Single(requests);
        Assert.Equal(("PENDING", "PRODUCTION", "STAGING"),
            (request.GetProperty("status").GetString(), request.GetProperty("targetStage").GetString(), request.GetProperty("modelVersion").GetProperty("stage").GetString()));
        var requestId = request.GetProperty("id").GetString()!;
        Assert.Contains(requestId, message, StringComparison.Ordinal);
        Assert.Contains("approval", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(requestId, again.Error(HttpStatusCode.Conflict, "ABORTED"), StringComparison.Ordinal);
        Assert.Equal("Staging", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());

        var approver = new GraphQLClient(factory.ClientWithKey(await factory.KeyWithRoleAsync(Unique("gov-approver"), "APPROVER", "global")));
        await approver.MutateAsync(Ops.ApprovePromotion, new { promotionRequestId = requestId, comment = "checked" });

        Assert.Equal("Production", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());
        Assert.Equal([("Production", "1")], LatestVersions(await Api.GetModelAsync(name), "latest_versions"));
        Assert.Empty((await factory.Admin().QueryAsync(PendingRequests, new { name })).GetProperty("promotionRequests").GetProperty("nodes").EnumerateArray());
    }

    [Fact]
    public async Task Every_facade_write_is_in_the_audit_log_as_the_callers_principal()
    {
        var name = Unique("gov-audit");
        var renamed = name + "-renamed";
        var mark = (await factory.WholeAuditLogAsync()).Select(e => e.Sequence).DefaultIfEmpty(0).Max();

        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");
        await Api.TransitionOkAsync(name, "1", "Staging");
        (await Api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "1" })).Empty();
        (await Api.DeleteAsync("registered-models/alias", new { name, alias = "champion" })).Empty();
        (await Api.PostAsync("registered-models/set-tag", new { name, key = "team", value = "ml" })).Empty();
        (await Api.DeleteAsync("registered-models/delete-tag", new { name, key = "team" })).Empty();
        (await Api.PostAsync("model-versions/set-tag", new { name, version = "1", key = "k", value = "v" })).Empty();
        (await Api.PatchAsync("registered-models/update", new { name, description = "described" })).Ok();
        (await Api.PatchAsync("model-versions/update", new { name, version = "1", description = "described" })).Ok();
        (await Api.PostAsync("registered-models/rename", new { name, new_name = renamed })).Ok();
        (await Api.DeleteAsync("model-versions/delete", new { name = renamed, version = "2" })).Empty();
        (await Api.DeleteAsync("registered-models/delete", new { name = renamed })).Empty();

        var events = (await factory.WholeAuditLogAsync()).Where(e => e.Sequence > mark).ToList();
        string[] expected =
        [
            "MODEL_REGISTERED", "VERSION_CREATED", "STAGE_CHANGED", "ALIAS_SET", "ALIAS_REMOVED", "TAG_SET", "TAG_DELETED",
            "MODEL_UPDATED", "VERSION_UPDATED", "MODEL_RENAMED", "VERSION_DELETED", "MODEL_DELETED",
        ];
        Assert.Empty(expected.Except(events.Select(e => e.Type)));
        Assert.Equal(2, events.Count(e => e.Type == "VERSION_CREATED"));
        Assert.Equal(2, events.Count(e => e.Type == "TAG_SET"));
        Assert.All(events.Where(e => expected.Contains(e.Type)), e => Assert.Equal("bootstrap-admin", e.Actor));
    }

    [Fact]
    public async Task Facade_writes_are_readable_as_registryEvents_in_GraphQL()
    {
        var name = Unique("gov-events");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        (await Api.PostAsync("registered-models/set-tag", new { name, key = "team", value = "ml" })).Empty();
        var modelId = (await factory.Admin().QueryAsync("query($name: String!) { model(name: $name) { id } }", new { name })).GetProperty("model").GetProperty("id").GetString();

        var data = await factory.Admin().QueryAsync(
            "query($id: ID!) { registryEvents(first: 50, where: { modelId: { eq: $id } }) { nodes { type actor } } }", new { id = modelId });

        var types = data.GetProperty("registryEvents").GetProperty("nodes").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["MODEL_REGISTERED", "VERSION_CREATED", "TAG_SET"], types);
    }

    [Fact]
    public async Task A_deleted_model_and_version_stay_visible_to_GraphQL_with_deletedAt_set()
    {
        var name = Unique("gov-deleted");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");
        (await Api.DeleteAsync("model-versions/delete", new { name, version = "2" })).Empty();
        (await Api.DeleteAsync("registered-models/delete", new { name })).Empty();
        await Api.CreateModelAsync(name);

        var data = await factory.Admin().QueryAsync(
            "query($name: String!) { models(first: 10, where: { name: { eq: $name } }) { nodes { deletedAt versions(first: 10) { nodes { number deletedAt source } } } } }",
            new { name });

        var models = data.GetProperty("models").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(2, models.Count);
        var deleted = Assert.Single(models, m => m.GetProperty("deletedAt").ValueKind == JsonValueKind.String);
        var versions = deleted.GetProperty("versions").GetProperty("nodes").EnumerateArray()
            .Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("deletedAt").ValueKind == JsonValueKind.String, v.GetProperty("source").GetString()))
            .OrderBy(v => v.Item1).ToList();
        // Deleting the model deletes the versions it still had; the one deleted before stays deleted.
        Assert.Equal([(1, true, "s3://bucket/1"), (2, true, "s3://bucket/2")], versions);
        Assert.Single(models, m => m.GetProperty("deletedAt").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Facade_tags_are_key_value_tags_in_GraphQL_and_filterable_there()
    {
        var name = Unique("gov-tags");
        var team = Unique("team");
        await Api.CreateModelAsync(name, null, ("team", team), ("empty", ""));
        await Api.CreateVersionAsync(name, "s3://bucket/1", "run-42", null, ("k", "v"));

        var data = await factory.Admin().QueryAsync(
            """
            query($team: String!) { models(first: 10, where: { keyValueTags: { some: { key: { eq: "team" }, value: { eq: $team } } } }) {
              nodes { name keyValueTags { key value } versions(first: 5) { nodes { runId keyValueTags { key value } } } } } }
            """, new { team });

        var model = Assert.Single(data.GetProperty("models").GetProperty("nodes").EnumerateArray());
        Assert.Equal(name, model.GetProperty("name").GetString());
        var tags = model.GetProperty("keyValueTags").EnumerateArray().Select(t => (t.GetProperty("key").GetString(), t.GetProperty("value").GetString())).OrderBy(t => t.Item1).ToList();
        Assert.Equal([("empty", ""), ("team", team)], tags);
        var version = Assert.Single(model.GetProperty("versions").GetProperty("nodes").EnumerateArray());
        Assert.Equal("run-42", version.GetProperty("runId").GetString());
        Assert.Equal(("k", "v"), (version.GetProperty("keyValueTags")[0].GetProperty("key").GetString(), version.GetProperty("keyValueTags")[0].GetProperty("value").GetString()));
    }

    [Fact]
    public async Task A_viewer_is_denied_writes_with_403_PERMISSION_DENIED_and_the_model_is_unchanged()
    {
        var team = Unique("viewteam");
        var name = Unique("gov-viewer");
        await factory.Admin().MutateAsync(Ops.RegisterModel, new { name, owner = team, task = "CLASSIFICATION" });
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        var viewer = MlflowApi.WithKey(factory, await factory.KeyWithRoleAsync(Unique("viewer"), "VIEWER", "team:" + team));

        Assert.Equal(name, (await viewer.GetModelAsync(name)).GetProperty("name").GetString());
        (await viewer.PostAsync("registered-models/create", new { name = Unique("gov-viewer-new") })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.PostAsync("registered-models/set-tag", new { name, key = "k", value = "v" })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.PostAsync("model-versions/create", new { name, source = "s3://bucket/2" })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.TransitionAsync(name, "1", "Staging")).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.PostAsync("registered-models/alias", new { name, alias = "champion", version = "1" })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.PostAsync("registered-models/rename", new { name, new_name = name + "-x" })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.DeleteAsync("model-versions/delete", new { name, version = "1" })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        (await viewer.DeleteAsync("registered-models/delete", new { name })).Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");

        var model = await Api.GetModelAsync(name);
        Assert.Empty(MlflowApi.TagsOf(model));
        Assert.Empty(ModelAliases(model));
        Assert.Equal("None", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());
    }

    [Fact]
    public async Task A_model_the_caller_cannot_read_answers_exactly_as_a_missing_one()
    {
        var hidden = Unique("gov-hidden");
        var missing = Unique("gov-missing");
        await factory.Admin().MutateAsync(Ops.RegisterModel, new { name = hidden, owner = Unique("otherteam"), task = "CLASSIFICATION" });
        await Api.CreateVersionAsync(hidden, "s3://bucket/secret");
        var scoped = MlflowApi.WithKey(factory, await factory.KeyWithRoleAsync(Unique("scoped"), "VIEWER", "team:" + Unique("ownteam")));

        (await scoped.GetAsync("registered-models/get", ("name", hidden)))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={hidden} not found");
        (await scoped.GetAsync("registered-models/get", ("name", missing)))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={missing} not found");
        (await scoped.GetAsync("model-versions/get", ("name", hidden), ("version", "1")))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={hidden}, version=1) not found");
        (await scoped.GetAsync("model-versions/get-download-uri", ("name", hidden), ("version", "1"))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await scoped.PostAsync("registered-models/set-tag", new { name = hidden, key = "k", value = "v" })).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        (await scoped.TransitionAsync(hidden, "1", "Staging")).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Empty(await scoped.SearchModelNamesAsync($"name = '{hidden}'"));
        Assert.Empty(await scoped.SearchVersionsAsync($"name = '{hidden}'"));
    }

    [Fact]
    public async Task Bearer_and_Basic_credentials_carrying_an_API_key_both_write()
    {
        var bearerName = Unique("gov-bearer");
        var basicName = Unique("gov-basic");

        await MlflowApi.WithBearer(factory, GovernedRegistryFactory.AdminKey).CreateModelAsync(bearerName);
        await MlflowApi.WithBasic(factory, "any-user-name", GovernedRegistryFactory.AdminKey).CreateModelAsync(basicName);

        foreach (var name in new[] { bearerName, basicName })
        {
            var model = await factory.Admin().QueryAsync("query($name: String!) { model(name: $name) { createdBy } }", new { name });
            Assert.Equal("bootstrap-admin", model.GetProperty("model").GetProperty("createdBy").GetString());
        }
    }

    [Fact]
    public async Task A_wrong_key_is_401_UNAUTHENTICATED_JSON_in_every_scheme()
    {
        var name = Unique("gov-wrongkey");
        await Api.CreateModelAsync(name);

        var callers = new[]
        {
            MlflowApi.WithBearer(factory, "wrong-key"),
            MlflowApi.WithBasic(factory, "user", "wrong-key"),
            MlflowApi.WithKey(factory, "wrong-key"),
        };
        foreach (var caller in callers)
        {
            (await caller.GetAsync("registered-models/get", ("name", name))).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            (await caller.PostAsync("registered-models/set-tag", new { name, key = "k", value = "v" })).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
        Assert.Empty(MlflowApi.TagsOf(await Api.GetModelAsync(name)));
    }
}

/// <summary>The facade in Production, where a caller without credentials is refused as GraphQL refuses it.</summary>
public sealed class MlflowProductionAuthTests(ProductionRegistryFactory factory) : IClassFixture<ProductionRegistryFactory>
{
    [Fact]
    public async Task A_caller_without_credentials_is_401_UNAUTHENTICATED_as_JSON()
    {
        var anonymous = new MlflowApi(factory.ClientWithKey(null));

        (await anonymous.GetAsync("registered-models/search")).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        (await anonymous.PostAsync("registered-models/create", new { name = Unique("prod-anon") })).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Theory]
    [InlineData("Basic", "not base64 at all!")]
    [InlineData("Basic", "bm8tY29sb24taGVyZQ==")]
    [InlineData("Basic", "dXNlcjo=")]
    [InlineData("Bearer", "")]
    [InlineData("Negotiate", "abc")]
    public async Task Unusable_credentials_are_401_UNAUTHENTICATED_as_JSON(string scheme, string parameter)
    {
        var http = factory.ClientWithKey(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, MlflowApi.Root + "registered-models/search");
        request.Headers.TryAddWithoutValidation("Authorization", parameter.Length == 0 ? scheme : $"{scheme} {parameter}");
        using var response = await http.SendAsync(request);
        var answer = await MlflowAnswer.ReadAsync(response);

        answer.Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_key_scoped_to_another_team_sees_a_model_as_missing_and_its_own_teams_model_as_present()
    {
        var ownTeam = Unique("ownteam");
        var own = Unique("prod-own");
        var hidden = Unique("prod-hidden");
        await factory.Admin().MutateAsync(Ops.RegisterModel, new { name = own, owner = ownTeam, task = "CLASSIFICATION" });
        await factory.Admin().MutateAsync(Ops.RegisterModel, new { name = hidden, owner = Unique("otherteam"), task = "CLASSIFICATION" });
        var scoped = MlflowApi.WithBearer(factory, await factory.KeyWithRoleAsync(Unique("prod-viewer"), "VIEWER", "team:" + ownTeam));

        Assert.Equal(own, (await scoped.GetModelAsync(own)).GetProperty("name").GetString());
        (await scoped.GetAsync("registered-models/get", ("name", hidden)))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={hidden} not found");
        var listed = (await scoped.SearchAllModelsAsync("name LIKE 'prod-%'", 1000)).Models.Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains(own, listed);
        Assert.DoesNotContain(hidden, listed);
    }
}
