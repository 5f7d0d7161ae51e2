using System.Globalization;
using System.Net;
using System.Text.Json;
using ModelRegistry.Api.Tests.Reports;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// The registry's behaviour as MLflow's own live-server tests check it: paginated and filtered search, default orders and
/// order_by, rename, delete and re-create, tags, stages and latest versions, version numbers, aliases, copy_model_version.
/// </summary>
public sealed class MlflowBehaviourTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private MlflowApi Api => MlflowApi.Admin(factory);

    [Fact]
    public async Task Paginated_search_over_29_models_sees_each_once_in_name_order_with_max_results_1_8_and_100()
    {
        var prefix = Unique("page");
        var names = Enumerable.Range(0, 29).Select(i => $"{prefix}-{i:D2}").ToList();
        foreach (var name in names.AsEnumerable().Reverse())
            await Api.CreateModelAsync(name);

        foreach (var maxResults in new[] { 1, 8, 100 })
        {
            var (models, pages) = await Api.SearchAllModelsAsync($"name LIKE '{prefix}-%'", maxResults);

            Assert.Equal(names, models.Select(m => m.GetProperty("name").GetString()));
            Assert.All(pages, size => Assert.InRange(size, 0, maxResults));
            Assert.Equal((29 + maxResults - 1) / maxResults, pages.Count(size => size > 0));
        }
    }

    [Fact]
    public async Task Like_is_case_sensitive_and_ilike_is_not()
    {
        var prefix = Unique("like");
        foreach (var suffix in new[] { "alpha-1", "alpha-2", "beta-1" })
            await Api.CreateModelAsync($"{prefix}-{suffix}");

        Assert.Equal([$"{prefix}-alpha-1", $"{prefix}-alpha-2"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}-alpha%'"));
        Assert.Equal([$"{prefix}-alpha-1", $"{prefix}-beta-1"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}-%-1'"));
        Assert.Empty(await Api.SearchModelNamesAsync($"name LIKE '{prefix.ToUpperInvariant()}-ALPHA%'"));
        Assert.Equal([$"{prefix}-alpha-1", $"{prefix}-alpha-2"], await Api.SearchModelNamesAsync($"name ILIKE '{prefix.ToUpperInvariant()}-ALPHA%'"));
        Assert.Equal([$"{prefix}-beta-1"], await Api.SearchModelNamesAsync($"name = '{prefix}-beta-1'"));
        Assert.Equal([$"{prefix}-alpha-1", $"{prefix}-alpha-2"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}-%' AND name != '{prefix}-beta-1'"));
    }

    [Fact]
    public async Task A_renamed_model_is_found_by_its_new_name_only_and_keeps_its_versions()
    {
        var name = Unique("rename");
        var renamed = Unique("renamed");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");

        await Api.PostAsync("registered-models/rename", new { name, new_name = renamed });

        Assert.Equal([renamed], await Api.SearchModelNamesAsync($"name = '{renamed}'"));
        Assert.Empty(await Api.SearchModelNamesAsync($"name = '{name}'"));
        AssertReadyVersion(await Api.GetVersionAsync(renamed, "1"), renamed, "1", "None");
        Assert.Equal([(renamed, "1")], await Api.SearchVersionsAsync($"name = '{renamed}'"));
        (await Api.GetAsync("registered-models/get", ("name", name))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task A_deleted_model_is_gone_from_the_facade_and_its_name_can_be_registered_again()
    {
        var name = Unique("recreate");
        await Api.CreateModelAsync(name, "first life");
        await Api.CreateVersionAsync(name, "s3://bucket/old");

        (await Api.DeleteAsync("registered-models/delete", new { name })).Empty();

        (await Api.GetAsync("registered-models/get", ("name", name))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Registered Model with name={name} not found");
        (await Api.GetAsync("model-versions/get", ("name", name), ("version", "1"))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
        Assert.Empty(await Api.SearchModelNamesAsync($"name = '{name}'"));
        Assert.Empty(await Api.SearchVersionsAsync($"name = '{name}'"));

        var again = await Api.CreateModelAsync(name);
        var version = await Api.CreateVersionAsync(name, "s3://bucket/new");

        Assert.False(again.TryGetProperty("description", out _), $"The new model inherited the old one's description: {again}");
        AssertReadyVersion(version, name, "1", "None");
        Assert.Equal("s3://bucket/new", version.GetProperty("source").GetString());
        Assert.Equal([name], await Api.SearchModelNamesAsync($"name = '{name}'"));
    }

    [Fact]
    public async Task Tags_are_set_overwritten_and_deleted_on_models_and_versions_with_empty_values_allowed()
    {
        var name = Unique("tags");
        await Api.CreateModelAsync(name, null, ("team", "ml"));
        await Api.CreateVersionAsync(name, "s3://bucket/m", null, null, ("k", "v"));

        (await Api.PostAsync("registered-models/set-tag", new { name, key = "empty", value = "" })).Empty();
        (await Api.PostAsync("registered-models/set-tag", new { name, key = "team", value = "platform" })).Empty();
        (await Api.PostAsync("model-versions/set-tag", new { name, version = "1", key = "blank", value = "" })).Empty();
        var model = await Api.GetModelAsync(name);
        var version = await Api.GetVersionAsync(name, "1");
        (await Api.DeleteAsync("registered-models/delete-tag", new { name, key = "team" })).Empty();
        (await Api.DeleteAsync("model-versions/delete-tag", new { name, version = "1", key = "k" })).Empty();

        Assert.Equal([("empty", ""), ("team", "platform")], MlflowApi.TagsOf(model));
        Assert.Equal([("blank", ""), ("k", "v")], MlflowApi.TagsOf(version));
        Assert.Equal([("empty", "")], MlflowApi.TagsOf(await Api.GetModelAsync(name)));
        Assert.Equal([("blank", "")], MlflowApi.TagsOf(await Api.GetVersionAsync(name, "1")));
    }

    [Fact]
    public async Task Tag_filters_accept_tags_and_tag_prefixes_backticked_keys_and_not_equal()
    {
        var prefix = Unique("tagfilter");
        await Api.CreateModelAsync($"{prefix}-a", null, ("team", "ml"), ("mlflow.x", "1"));
        await Api.CreateModelAsync($"{prefix}-b", null, ("team", "ops"));

        Assert.Equal([$"{prefix}-a"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND tags.team = 'ml'"));
        Assert.Equal([$"{prefix}-a"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND tag.team = 'ml'"));
        Assert.Equal([$"{prefix}-a"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND tags.`mlflow.x` = '1'"));
        Assert.Equal([$"{prefix}-b"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND tags.team != 'ml'"));
        Assert.Equal([$"{prefix}-a", $"{prefix}-b"], await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND tags.team LIKE '%'"));
    }

    [Fact]
    public async Task The_3x_prompt_clause_is_accepted_alone_or_ANDed_and_hides_only_prompts()
    {
        var prefix = Unique("prompt");
        await Api.CreateModelAsync($"{prefix}-model");
        await Api.CreateModelAsync($"{prefix}-prompt", null, ("mlflow.prompt.is_prompt", "true"));
        const string clause = "tag.`mlflow.prompt.is_prompt` != 'true'";

        var alone = (await Api.SearchAllModelsAsync(clause, 1000)).Models.Select(m => m.GetProperty("name").GetString()).ToList();
        var anded = await Api.SearchModelNamesAsync($"name LIKE '{prefix}%' AND {clause}");

        Assert.Contains($"{prefix}-model", alone);
        Assert.DoesNotContain($"{prefix}-prompt", alone);
        Assert.Equal([$"{prefix}-model"], anded);
    }

    [Fact]
    public async Task Version_filters_cover_run_id_IN_source_path_and_version_number()
    {
        var name = Unique("vfilter");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/a", runId: "run-a");
        await Api.CreateVersionAsync(name, "s3://bucket/b", runId: "run-b");
        await Api.CreateVersionAsync(name, "s3://bucket/c", runId: "run-c");

        Assert.Equal([(name, "3"), (name, "1")], await Api.SearchVersionsAsync($"name = '{name}' AND run_id IN ('run-a', 'run-c')"));
        Assert.Equal([(name, "2")], await Api.SearchVersionsAsync($"run_id = 'run-b' AND name = '{name}'"));
        Assert.Equal([(name, "2")], await Api.SearchVersionsAsync($"name = '{name}' AND source_path = 's3://bucket/b'"));
        Assert.Equal([(name, "3"), (name, "2")], await Api.SearchVersionsAsync($"name = '{name}' AND version_number > 1"));
        Assert.Equal([(name, "1"), (name, "2"), (name, "3")], await Api.SearchVersionsAsync($"name = '{name}'", "version_number ASC"));
    }

    [Theory]
    [InlineData("registered-models/search", "name = 'a' OR name = 'b'")]
    [InlineData("registered-models/search", "owner = 'me'")]
    [InlineData("registered-models/search", "(name = 'a')")]
    [InlineData("model-versions/search", "creation_timestamp > 0")]
    [InlineData("model-versions/search", "name IN ('a')")]
    public async Task An_unsupported_filter_is_400_INVALID_PARAMETER_VALUE(string route, string filter)
    {
        (await Api.GetAsync(route, ("filter", filter))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Theory]
    [InlineData("registered-models/search", "owner")]
    [InlineData("registered-models/search", "name SIDEWAYS")]
    [InlineData("model-versions/search", "stage")]
    public async Task An_unsupported_order_by_is_400_INVALID_PARAMETER_VALUE(string route, string orderBy)
    {
        (await Api.GetAsync(route, ("order_by", orderBy))).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Models_order_by_name_ascending_by_default_and_by_name_DESC_or_last_updated_timestamp_on_request()
    {
        var prefix = Unique("order");
        foreach (var suffix in new[] { "b", "c", "a" })
            await Api.CreateModelAsync($"{prefix}-{suffix}");
        await Api.PatchAsync("registered-models/update", new { name = $"{prefix}-b", description = "touched last" });
        var filter = $"name LIKE '{prefix}-%'";

        Assert.Equal([$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"], await Api.SearchModelNamesAsync(filter));
        Assert.Equal([$"{prefix}-c", $"{prefix}-b", $"{prefix}-a"], await Api.SearchModelNamesAsync(filter, "name DESC"));

        foreach (var direction in new[] { "", " ASC", " DESC" })
        {
            var models = (await Api.SearchAllModelsAsync(filter, 100, "last_updated_timestamp" + direction)).Models;
            var keyed = models.Select(m => (Name: m.GetProperty("name").GetString()!, Updated: AssertMillis(m, "last_updated_timestamp"))).ToList();
            var expected = direction == " DESC"
                ? keyed.OrderByDescending(m => m.Updated).ThenBy(m => m.Name, StringComparer.Ordinal)
                : keyed.OrderBy(m => m.Updated).ThenBy(m => m.Name, StringComparer.Ordinal);
            Assert.Equal(expected.Select(m => m.Name), keyed.Select(m => m.Name));
        }
    }

    [Fact]
    public async Task Versions_order_by_last_updated_descending_then_name_then_version_descending_by_default()
    {
        var prefix = Unique("vorder");
        foreach (var model in new[] { $"{prefix}-b", $"{prefix}-a" })
        {
            await Api.CreateModelAsync(model);
            await Api.CreateVersionAsync(model, "s3://bucket/1");
            await Api.CreateVersionAsync(model, "s3://bucket/2");
        }

        var root = (await Api.GetAsync("model-versions/search", ("filter", $"name LIKE '{prefix}-%'"))).Ok();
        var versions = root.GetProperty("model_versions").EnumerateArray()
            .Select(v => (Name: v.GetProperty("name").GetString()!, Version: int.Parse(v.GetProperty("version").GetString()!, CultureInfo.InvariantCulture), Updated: AssertMillis(v, "last_updated_timestamp")))
            .ToList();
        var expected = versions.OrderByDescending(v => v.Updated).ThenBy(v => v.Name, StringComparer.Ordinal).ThenByDescending(v => v.Version);

        Assert.Equal(4, versions.Count);
        Assert.Equal(expected, versions);
    }

    [Fact]
    public async Task Latest_versions_are_the_newest_version_in_each_stage()
    {
        var name = Unique("latest");
        await Api.CreateModelAsync(name);
        for (var i = 1; i <= 5; i++)
            await Api.CreateVersionAsync(name, $"s3://bucket/{i}");
        await Api.TransitionOkAsync(name, "1", "Staging");
        await Api.TransitionOkAsync(name, "1", "Production");
        await Api.TransitionOkAsync(name, "2", "Staging");
        await Api.TransitionOkAsync(name, "3", "Staging");
        await Api.TransitionOkAsync(name, "4", "Archived");

        var all = (await Api.PostAsync("registered-models/get-latest-versions", new { name })).Ok();
        var some = (await Api.PostAsync("registered-models/get-latest-versions", new { name, stages = new[] { "production", "STAGING" } })).Ok();
        var model = await Api.GetModelAsync(name);

        Assert.Equal([("Archived", "4"), ("None", "5"), ("Production", "1"), ("Staging", "3")], LatestVersions(all, "model_versions"));
        Assert.Equal([("Production", "1"), ("Staging", "3")], LatestVersions(some, "model_versions"));
        Assert.Equal([("Archived", "4"), ("None", "5"), ("Production", "1"), ("Staging", "3")], LatestVersions(model, "latest_versions"));
    }

    [Fact]
    public async Task Stage_names_are_case_insensitive_and_None_to_Production_must_pass_through_Staging()
    {
        var name = Unique("stages");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/m");

        (await Api.TransitionAsync(name, "1", "Production")).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("None", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());
        Assert.Equal("Staging", (await Api.TransitionOkAsync(name, "1", "staging")).GetProperty("current_stage").GetString());
        Assert.Equal("Staging", (await Api.TransitionOkAsync(name, "1", "STAGING")).GetProperty("current_stage").GetString());
        (await Api.TransitionAsync(name, "1", "Shipped")).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        Assert.Equal("Production", (await Api.TransitionOkAsync(name, "1", "pRoDuCtIoN")).GetProperty("current_stage").GetString());
    }

    [Fact]
    public async Task Archive_existing_versions_archives_the_others_in_the_target_stage()
    {
        var name = Unique("archive");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");
        await Api.TransitionOkAsync(name, "1", "Staging");
        await Api.TransitionOkAsync(name, "2", "Staging");

        var moved = await Api.TransitionOkAsync(name, "2", "Production", archiveExisting: false);
        await Api.TransitionOkAsync(name, "1", "Production", archiveExisting: true);

        Assert.Equal("Production", moved.GetProperty("current_stage").GetString());
        Assert.Equal("Archived", (await Api.GetVersionAsync(name, "2")).GetProperty("current_stage").GetString());
        Assert.Equal("Production", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());
    }

    [Fact]
    public async Task Deleted_version_numbers_are_never_reused()
    {
        var name = Unique("noreuse");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");

        (await Api.DeleteAsync("model-versions/delete", new { name, version = "2" })).Empty();
        var third = await Api.CreateVersionAsync(name, "s3://bucket/3");

        AssertReadyVersion(third, name, "3", "None");
        (await Api.GetAsync("model-versions/get", ("name", name), ("version", "2")))
            .Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", $"Model Version (name={name}, version=2) not found");
        Assert.Equal([(name, "3"), (name, "1")], await Api.SearchVersionsAsync($"name = '{name}'"));
    }

    [Fact]
    public async Task Deleting_a_version_that_is_or_was_in_Production_is_refused_for_good()
    {
        var name = Unique("keepprod");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.TransitionOkAsync(name, "1", "Staging");
        await Api.TransitionOkAsync(name, "1", "Production");

        (await Api.DeleteAsync("model-versions/delete", new { name, version = "1" })).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        await Api.TransitionOkAsync(name, "1", "Archived");
        (await Api.DeleteAsync("model-versions/delete", new { name, version = "1" })).Error(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE");
        var modelDelete = await Api.DeleteAsync("registered-models/delete", new { name });
        Assert.InRange((int)modelDelete.Status, 400, 499);
        Assert.Equal(JsonValueKind.String, modelDelete.Json.GetProperty("error_code").ValueKind);

        Assert.Equal("Archived", (await Api.GetVersionAsync(name, "1")).GetProperty("current_stage").GetString());
    }

    [Fact]
    public async Task Aliases_are_set_moved_read_and_deleted()
    {
        var name = Unique("aliases");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");

        (await Api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "1" })).Empty();
        (await Api.PostAsync("registered-models/alias", new { name, alias = "challenger", version = "2" })).Empty();
        Assert.Equal([("challenger", "2"), ("champion", "1")], ModelAliases(await Api.GetModelAsync(name)));
        Assert.Equal(["champion"], VersionAliases(await Api.GetVersionAsync(name, "1")));

        (await Api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "2" })).Empty();
        var champion = (await Api.GetAsync("registered-models/alias", ("name", name), ("alias", "champion"))).Ok().GetProperty("model_version");
        Assert.Equal("2", champion.GetProperty("version").GetString());
        Assert.Equal(["challenger", "champion"], VersionAliases(champion));
        Assert.Empty(VersionAliases(await Api.GetVersionAsync(name, "1")));

        (await Api.DeleteAsync("registered-models/alias", new { name, alias = "challenger" })).Empty();
        Assert.Equal([("champion", "2")], ModelAliases(await Api.GetModelAsync(name)));
        (await Api.GetAsync("registered-models/alias", ("name", name), ("alias", "challenger"))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Deleting_a_version_removes_its_aliases()
    {
        var name = Unique("aliasdel");
        await Api.CreateModelAsync(name);
        await Api.CreateVersionAsync(name, "s3://bucket/1");
        await Api.CreateVersionAsync(name, "s3://bucket/2");
        (await Api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "2" })).Empty();

        (await Api.DeleteAsync("model-versions/delete", new { name, version = "2" })).Empty();

        Assert.Empty(ModelAliases(await Api.GetModelAsync(name)));
        (await Api.GetAsync("registered-models/alias", ("name", name), ("alias", "champion"))).Error(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Copy_model_version_resolves_a_models_uri_source_to_the_copied_versions_source()
    {
        var source = Unique("copy-src");
        var target = Unique("copy-dst");
        await Api.CreateModelAsync(source);
        await Api.CreateVersionAsync(source, "s3://bucket/original");
        await Api.CreateVersionAsync(source, "s3://bucket/second");
        await Api.CreateModelAsync(target);

        var copy = await Api.CreateVersionAsync(target, $"models:/{source}/2");
        var uri = (await Api.GetAsync("model-versions/get-download-uri", ("name", target), ("version", "1"))).Ok();

        AssertReadyVersion(copy, target, "1", "None");
        Assert.Equal("s3://bucket/second", copy.GetProperty("source").GetString());
        Assert.Equal("s3://bucket/second", uri.GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task A_models_uri_source_naming_a_missing_version_is_refused_with_a_4xx()
    {
        var source = Unique("copy-missing");
        await Api.CreateModelAsync(source);

        var answer = await Api.PostAsync("model-versions/create", new { name = source, source = $"models:/{source}/9" });

        Assert.InRange((int)answer.Status, 400, 499);
        Assert.Equal(JsonValueKind.String, answer.Json.GetProperty("error_code").ValueKind);
    }
}
