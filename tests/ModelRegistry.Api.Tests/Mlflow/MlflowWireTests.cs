using System.Net;
using System.Text.Json;
using ModelRegistry.Api.Tests.Reports;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// Each route with the exact method, path, parameters and body MLflow's client sends, and the fields it reads back:
/// versions as JSON strings, status READY, int64 timestamps as numbers, <c>{}</c> for empty answers, MLflow's error codes,
/// statuses and texts, and the JSON ENDPOINT_NOT_FOUND the client's POST-then-GET fallback depends on.
/// </summary>
public sealed class MlflowWireTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private MlflowApi Api => MlflowApi.Admin(factory);

    [Fact]
    public async Task Registered_models_create_answers_the_model_with_tags_description_and_int64_timestamps()
    {
        var name = Unique("wire-create");

        var answer = await Api.PostAsync("registered-models/create", new { name, tags = MlflowApi.Tags(("team", "ml"), ("empty", "")), description = "demo model" });

        var model = answer.Ok().GetProperty("registered_model");
        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("demo model", model.GetProperty("description").GetString());
        Assert.Equal([("empty", ""), ("team", "ml")], MlflowApi.TagsOf(model));
        var created = AssertMillis(model, "creation_timestamp");
        Assert.Equal(created, AssertMillis(model, "last_updated_timestamp"));
        Assert.Empty(ModelAliases(model));
        Assert.Empty(LatestVersions(model, "latest_versions"));
    }

    [Fact]
    public async Task A_model_without_a_description_omits_it()
    {
        var name = Unique("wire-nodesc");

        var model = await Api.CreateModelAsync(name);

        Assert.False(model.TryGetProperty("description", out var description), $"description should be omitted, got {description}");
        Assert.Equal(name, (await Api.GetModelAsync(name)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Registered_models_get_takes_the_name_as_a_query_parameter()
    {
        var name = Unique("wire-get");
        await Api.CreateModelAsync(name, "d", ("k", "v"));

        var model = await Api.GetModelAsync(name);

        Assert.Equal(name, model.GetProperty("name").GetString());
        Assert.Equal("d", model.GetProperty("description").GetString());
        Assert.Equal([("k", "v")], MlflowApi.TagsOf(model));
        AssertMillis(model, "creation_timestamp");
    }

    [Fact]
    public async Task Rename_update_and_delete_take_json_bodies_and_delete_answers_an_empty_object()
    {
        var name = Unique("wire-rud");
        var renamed = name + "-renamed";
        await Api.CreateModelAsync(name);

        var afterRename = (await Api.PostAsync("registered-models/rename", new { name, new_name = renamed })).Ok().GetProperty("registered_model");
        var afterUpdate = (await Api.PatchAsync("registered-models/update", new { name = renamed, description = "now described" })).Ok().GetProperty("registered_model");
        var deleted = await Api.DeleteAsync("registered-models/delete", new { name = renamed });

        Assert.Equal(renamed, afterRename.GetProperty("name").GetString());
        Assert.Equal((renamed, "now described"), (afterUpdate.GetProperty("name").GetString(), afterUpdate.GetProperty("description").GetString()));
        deleted.Empty();
        (await Api.GetAsync("registered-models/get", ("name", renamed))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={renamed} not found");
    }

    [Fact]
    public async Task Registered_models_search_takes_filter_max_results_and_repeated_order_by_keys()
    {
        var prefix = Unique("wire-search");
        foreach (var suffix in new[] { "b", "a", "c" })
            await Api.CreateModelAsync($"{prefix}-{suffix}");

        var answer = await Api.GetAsync("registered-models/search",
            ("filter", $"name LIKE '{prefix}-%'"), ("max_results", "2"), ("order_by", "name DESC"), ("order_by", "last_updated_timestamp"));

        var root = answer.Ok();
        var names = root.GetProperty("registered_models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Equal([$"{prefix}-c", $"{prefix}-b"], names);
        Assert.Equal(JsonValueKind.String, root.GetProperty("next_page_token").ValueKind);
    }

    [Fact]
    public async Task Get_latest_versions_works_as_POST_and_as_GET_with_repeated_stages_keys()
    {
        var name = Unique("wire-latest");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/one");
        await Api.CreateVersionAsync(name, "s3://bucket/two");
        await Api.TransitionOkAsync(name, "1", "Staging");

        var posted = (await Api.PostAsync("registered-models/get-latest-versions", new { name, stages = new[] { "Staging" } })).Ok();
        var got = (await Api.GetAsync("registered-models/get-latest-versions", ("name", name), ("stages", "None"), ("stages", "Staging"))).Ok();

        Assert.Equal([("Staging", "1")], LatestVersions(posted, "model_versions"));
        Assert.Equal([("None", "2"), ("Staging", "1")], LatestVersions(got, "model_versions"));
        foreach (var version in got.GetProperty("model_versions").EnumerateArray())
            AssertReadyVersion(version, name, version.GetProperty("version").GetString()!, version.GetProperty("current_stage").GetString()!);
    }

    [Fact]
    public async Task Model_tags_are_set_with_POST_and_deleted_with_a_DELETE_body_both_answering_an_empty_object()
    {
        var name = Unique("wire-mtag");
        await Api.CreateModelAsync(name);

        (await Api.PostAsync("registered-models/set-tag", new { name, key = "team", value = "ml" })).Empty();
        (await Api.PostAsync("registered-models/set-tag", new { name, key = "note", value = "" })).Empty();
        var tagged = await Api.GetModelAsync(name);
        (await Api.DeleteAsync("registered-models/delete-tag", new { name, key = "team" })).Empty();

        Assert.Equal([("note", ""), ("team", "ml")], MlflowApi.TagsOf(tagged));
        Assert.Equal([("note", "")], MlflowApi.TagsOf(await Api.GetModelAsync(name)));
    }

    [Fact]
    public async Task Aliases_are_set_with_POST_read_with_GET_and_deleted_with_a_DELETE_body()
    {
        var name = Unique("wire-alias");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");

        (await Api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "1" })).Empty();
        var read = (await Api.GetAsync("registered-models/alias", ("name", name), ("alias", "champion"))).Ok().GetProperty("model_version");
        var model = await Api.GetModelAsync(name);
        (await Api.DeleteAsync("registered-models/alias", new { name, alias = "champion" })).Empty();

        AssertReadyVersion(read, name, "1", "None");
        Assert.Equal(["champion"], VersionAliases(read));
        Assert.Equal([("champion", "1")], ModelAliases(model));
        Assert.Empty(ModelAliases(await Api.GetModelAsync(name)));
        (await Api.GetAsync("registered-models/alias", ("name", name), ("alias", "champion"))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Model_versions_create_answers_a_READY_version_with_a_string_number_and_every_field_sent()
    {
        var name = Unique("wire-mv");
        await Api.CreateModelAsync(name);

        var answer = await Api.PostAsync("model-versions/create", new
        {
            name,
            source = "s3://bucket/model",
            run_id = "0123456789abcdef",
            run_link = "https://tracking.example/runs/0123456789abcdef",
            description = "first",
            tags = MlflowApi.Tags(("k", "v")),
        });

        var version = answer.Ok().GetProperty("model_version");
        AssertReadyVersion(version, name, "1", "None");
        Assert.Equal("s3://bucket/model", version.GetProperty("source").GetString());
        Assert.Equal("0123456789abcdef", version.GetProperty("run_id").GetString());
        Assert.Equal("https://tracking.example/runs/0123456789abcdef", version.GetProperty("run_link").GetString());
        Assert.Equal("first", version.GetProperty("description").GetString());
        Assert.Equal([("k", "v")], MlflowApi.TagsOf(version));
        Assert.Empty(VersionAliases(version));
    }

    [Fact]
    public async Task A_version_created_without_run_id_omits_it()
    {
        var name = Unique("wire-norun");
        await Api.CreateModelAsync(name);

        var version = await Api.CreateVersionAsync(name, "s3://bucket/m");

        Assert.False(version.TryGetProperty("run_id", out var runId) && runId.ValueKind == JsonValueKind.String && runId.GetString()!.Length > 0,
            $"run_id should be omitted: {version}");
        Assert.False(version.TryGetProperty("description", out _), $"description should be omitted: {version}");
    }

    [Fact]
    public async Task Model_versions_get_update_search_and_get_download_uri_answer_what_the_client_reads()
    {
        var name = Unique("wire-mvops");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/weights", runId: "run-1");

        var got = await Api.GetVersionAsync(name, "1");
        var updated = (await Api.PatchAsync("model-versions/update", new { name, version = "1", description = "tuned" })).Ok().GetProperty("model_version");
        var searched = (await Api.GetAsync("model-versions/search", ("filter", $"name='{name}'"), ("max_results", "10000"))).Ok();
        var uri = (await Api.GetAsync("model-versions/get-download-uri", ("name", name), ("version", "1"))).Ok();

        AssertReadyVersion(got, name, "1", "None");
        Assert.Equal("s3://bucket/weights", got.GetProperty("source").GetString());
        Assert.Equal("tuned", updated.GetProperty("description").GetString());
        var only = Assert.Single(searched.GetProperty("model_versions").EnumerateArray());
        AssertReadyVersion(only, name, "1", "None");
        Assert.False(searched.TryGetProperty("next_page_token", out _), "next_page_token on the last page");
        Assert.Equal("s3://bucket/weights", uri.GetProperty("artifact_uri").GetString());
        Assert.Single(uri.EnumerateObject());
    }

    [Fact]
    public async Task Transition_stage_answers_the_moved_version_and_version_tags_and_delete_answer_empty_objects()
    {
        var name = Unique("wire-mvtx");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");
        await Api.CreateVersionAsync(name, "s3://bucket/m2");

        var moved = await Api.TransitionOkAsync(name, "1", "Staging");
        (await Api.PostAsync("model-versions/set-tag", new { name, version = "1", key = "k2", value = "v2" })).Empty();
        var tagged = await Api.GetVersionAsync(name, "1");
        (await Api.DeleteAsync("model-versions/delete-tag", new { name, version = "1", key = "k2" })).Empty();
        var untagged = await Api.GetVersionAsync(name, "1");
        (await Api.DeleteAsync("model-versions/delete", new { name, version = "2" })).Empty();

        AssertReadyVersion(moved, name, "1", "Staging");
        Assert.Equal([("k2", "v2")], MlflowApi.TagsOf(tagged));
        Assert.Empty(MlflowApi.TagsOf(untagged));
        (await Api.GetAsync("model-versions/get", ("name", name), ("version", "2")))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version=2) not found");
    }

    [Fact]
    public async Task Creating_a_version_bumps_the_models_last_updated_timestamp()
    {
        var name = Unique("wire-bump");
        var model = await Api.CreateModelAsync(name);

        var version = await Api.CreateVersionAsync(name, "s3://bucket/m");
        var after = await Api.GetModelAsync(name);

        Assert.Equal(AssertMillis(model, "creation_timestamp"), AssertMillis(after, "creation_timestamp"));
        Assert.True(AssertMillis(after, "last_updated_timestamp") >= AssertMillis(version, "creation_timestamp"),
            $"The model's last_updated_timestamp stayed behind its new version: {after} / {version}");
    }

    [Fact]
    public async Task The_3x_client_version_header_is_accepted()
    {
        var name = Unique("wire-3x");
        var http = factory.ClientWithKey(GovernedRegistryFactory.AdminKey);
        http.DefaultRequestHeaders.Add("X-MLflow-Client-Version", "3.1.0");
        var api = new MlflowApi(http);

        await api.CreateModelAsync(name);

        Assert.Equal(name, (await api.GetModelAsync(name)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("GET", "registered-models/no-such-route")]
    [InlineData("POST", "registered-models/no-such-route")]
    [InlineData("GET", "experiments/search")]
    [InlineData("DELETE", "nothing/here")]
    public async Task An_unknown_route_answers_a_JSON_404_ENDPOINT_NOT_FOUND(string method, string route)
    {
        var answer = method == "GET"
            ? await Api.GetAsync(route, ("name", "x"))
            : await Api.SendAsync(new HttpMethod(method), route, new { name = "x" });

        answer.Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
        Assert.Equal("application/json", answer.MediaType);
    }

    [Fact]
    public async Task A_known_path_with_a_method_it_does_not_serve_answers_the_JSON_404_not_a_405()
    {
        // The client gives up on a 405; only a JSON ENDPOINT_NOT_FOUND lets it fall back to another method.
        var answer = await Api.PostAsync("model-versions/get", new { name = "x", version = "1" });

        answer.Error(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND");
    }

    [Fact]
    public async Task Creating_an_existing_model_is_400_RESOURCE_ALREADY_EXISTS_with_MLflows_text()
    {
        var name = Unique("wire-dup");
        await Api.CreateModelAsync(name);

        var answer = await Api.PostAsync("registered-models/create", new { name });

        answer.Error(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={name}) already exists.");
    }

    [Fact]
    public async Task Renaming_onto_an_existing_model_is_400_RESOURCE_ALREADY_EXISTS()
    {
        var first = Unique("wire-ren-a");
        var second = Unique("wire-ren-b");
        await Api.CreateModelAsync(first);
        await Api.CreateModelAsync(second);

        var answer = await Api.PostAsync("registered-models/rename", new { name = first, new_name = second });

        answer.Error(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", $"Registered Model (name={second}) already exists.");
        Assert.Equal(first, (await Api.GetModelAsync(first)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Missing_models_and_versions_are_404_RESOURCE_DOES_NOT_EXIST_with_MLflows_texts()
    {
        var missing = Unique("wire-missing");
        var name = Unique("wire-present");
        await Api.CreateModelAsync(name);

        (await Api.GetAsync("registered-models/get", ("name", missing)))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={missing} not found");
        (await Api.GetAsync("model-versions/get", ("name", name), ("version", "7")))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version=7) not found");
        (await Api.PostAsync("model-versions/create", new { name = missing, source = "s3://bucket/m" }))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={missing} not found");
        (await Api.DeleteAsync("registered-models/delete", new { name = missing }))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={missing} not found");
    }

    [Fact]
    public async Task A_version_that_is_not_an_integer_is_400_INVALID_PARAMETER_VALUE_with_MLflows_text()
    {
        var name = Unique("wire-badver");
        await Api.CreateModelAsync(name);

        (await Api.GetAsync("model-versions/get", ("name", name), ("version", "abc")))
            .Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Parameter 'version' must be an integer, got 'abc'.");
        (await Api.TransitionAsync(name, "abc", "Staging"))
            .Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", "Parameter 'version' must be an integer, got 'abc'.");
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    public async Task A_name_outside_the_registrys_rule_is_400_INVALID_PARAMETER_VALUE(string name)
    {
        var answer = await Api.PostAsync("registered-models/create", new { name });

        answer.Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task A_missing_required_field_is_400_INVALID_PARAMETER_VALUE()
    {
        (await Api.PostAsync("registered-models/create", new { description = "no name" })).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await Api.GetAsync("registered-models/get")).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    public async Task A_malformed_body_is_a_400_JSON_error_never_a_5xx(string body)
    {
        var answer = await Api.SendRawAsync(HttpMethod.Post, "registered-models/create", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(answer.Json.GetProperty("error_code").GetString(), new[] { "BAD_REQUEST", "INVALID_PARAMETER_VALUE" });
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_malformed_DELETE_body_is_a_400_JSON_error()
    {
        var answer = await Api.SendRawAsync(HttpMethod.Delete, "registered-models/delete", "{\"name\": ");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains(answer.Json.GetProperty("error_code").GetString(), new[] { "BAD_REQUEST", "INVALID_PARAMETER_VALUE" });
    }

    [Fact]
    public async Task Search_limits_are_MLflows_1000_models_and_200000_versions()
    {
        (await Api.GetAsync("registered-models/search", ("max_results", "1000"))).Ok();
        (await Api.GetAsync("registered-models/search", ("max_results", "1001"))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        (await Api.GetAsync("model-versions/search", ("max_results", "200000"))).Ok();
        (await Api.GetAsync("model-versions/search", ("max_results", "200001"))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task A_wrong_key_is_401_UNAUTHENTICATED_as_JSON()
    {
        var answer = await MlflowApi.WithBearer(factory, "not-a-key-of-this-registry").GetAsync("registered-models/search");

        answer.Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_viewer_writing_is_403_PERMISSION_DENIED_as_JSON()
    {
        var viewer = MlflowApi.WithKey(factory, await factory.KeyWithRoleAsync(Unique("wire-viewer"), "VIEWER", "global"));

        var answer = await viewer.PostAsync("registered-models/create", new { name = Unique("wire-denied") });

        answer.Error(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }
}
