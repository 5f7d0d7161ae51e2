using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelRegistry.Api.Tests.Reports;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>
/// Client mistakes a real client or a hand-written script can make: each is a 4xx MLflow error as JSON, never a 5xx, which
/// MLflow's client would retry for minutes.
/// </summary>
public sealed class MlflowHostileInputTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>, IAsyncLifetime
{
    private readonly string _name = Unique("hostile");

    private MlflowApi Api => MlflowApi.Admin(factory);

    /// <summary>A model with one version for the probes to aim at.</summary>
    public async Task InitializeAsync()
    {
        await Api.CreateModelAsync(_name);
        await Api.CreateVersionAsync(_name, "s3://bucket/m");
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>GET probes: route and raw query string ({name} stands for the probed model).</summary>
    public static TheoryData<string, string> GetProbes => new()
    {
        { "registered-models/search", "page_token=not-a-token" },
        { "registered-models/search", "page_token=eyJvZmZzZXQiOiAtNX0%3D" },
        { "registered-models/search", "max_results=0" },
        { "registered-models/search", "max_results=-3" },
        { "registered-models/search", "max_results=abc" },
        { "registered-models/search", "max_results=99999999999999999999" },
        { "registered-models/search", "filter=name+%3D+%27unterminated" },
        { "registered-models/search", "filter=name+%3D" },
        { "registered-models/search", "filter=tags.+%3D+%27x%27" },
        { "registered-models/search", "order_by=name&order_by=name+DESC" },
        { "model-versions/search", "page_token=%25%25%25" },
        { "model-versions/search", "filter=version_number+%3D+%27abc%27" },
        { "model-versions/search", "filter=run_id+IN+()" },
        { "model-versions/search", "filter=run_id+IN+(%27a%27" },
        { "model-versions/get", "name={name}&version=1.5" },
        { "model-versions/get", "name={name}&version=-1" },
        { "model-versions/get", "name={name}&version=99999999999999999999" },
        { "model-versions/get", "name={name}" },
        { "model-versions/get-download-uri", "name={name}&version=x" },
        { "registered-models/get-latest-versions", "name={name}&stages=Bogus" },
        { "registered-models/alias", "name={name}" },
        { "registered-models/get", "name=" },
    };

    [Theory]
    [MemberData(nameof(GetProbes))]
    public async Task A_bad_GET_is_a_4xx_MLflow_error(string route, string query)
    {
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).GetAsync(MlflowApi.Root + route + "?" + query.Replace("{name}", _name, StringComparison.Ordinal));
        var answer = await MlflowAnswer.ReadAsync(response);

        AssertClientError(answer);
    }

    /// <summary>Body probes: method, route and raw body ({name} stands for the probed model).</summary>
    public static TheoryData<string, string, string> BodyProbes => new()
    {
        { "POST", "registered-models/create", "{\"name\": 123}" },
        { "POST", "registered-models/create", "{\"name\": null}" },
        { "POST", "registered-models/create", "{\"name\": \"ok-name\", \"tags\": \"not-a-list\"}" },
        { "POST", "registered-models/create", "{\"name\": \"ok-name-2\", \"tags\": [{\"value\": \"no key\"}]}" },
        { "POST", "registered-models/create", "{\"name\": \"" + new string('a', 300) + "\"}" },
        { "POST", "registered-models/create", "" },
        { "POST", "registered-models/set-tag", "{\"name\": \"{name}\", \"key\": \"\", \"value\": \"v\"}" },
        { "POST", "registered-models/set-tag", "{\"name\": \"{name}\", \"key\": \"k\"}" },
        { "POST", "registered-models/alias", "{\"name\": \"{name}\", \"alias\": \"champion\", \"version\": \"9\"}" },
        { "POST", "registered-models/alias", "{\"name\": \"{name}\", \"alias\": \"\", \"version\": \"1\"}" },
        { "POST", "model-versions/create", "{\"name\": \"{name}\"}" },
        { "POST", "model-versions/create", "{\"name\": \"{name}\", \"source\": \"models:/no-such-model/1\"}" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"{name}\", \"version\": \"1\", \"stage\": \"Bogus\", \"archive_existing_versions\": false}" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"{name}\", \"version\": \"1\", \"stage\": \"Staging\", \"archive_existing_versions\": \"perhaps\"}" },
        { "POST", "model-versions/transition-stage", "{\"name\": \"{name}\", \"version\": 1.5, \"stage\": \"Staging\", \"archive_existing_versions\": false}" },
        { "POST", "registered-models/rename", "{\"name\": \"{name}\", \"new_name\": \"Not Valid\"}" },
        { "POST", "registered-models/rename", "{\"name\": \"{name}\"}" },
        { "PATCH", "registered-models/update", "{\"description\": \"no name\"}" },
        { "PATCH", "model-versions/update", "{\"name\": \"{name}\", \"version\": \"abc\", \"description\": \"d\"}" },
        { "DELETE", "registered-models/delete", "" },
        { "DELETE", "registered-models/delete", "{}" },
        { "DELETE", "model-versions/delete", "{\"name\": \"{name}\", \"version\": \"abc\"}" },
        { "DELETE", "registered-models/delete-tag", "{\"name\": \"{name}\"}" },
        { "DELETE", "registered-models/alias", "{\"name\": \"{name}\"}" },
    };

    [Theory]
    [MemberData(nameof(BodyProbes))]
    public async Task A_bad_body_is_a_4xx_MLflow_error_and_changes_nothing(string method, string route, string body)
    {
        var before = (await Api.GetModelAsync(_name)).GetRawText();

        var answer = await Api.SendRawAsync(new HttpMethod(method), route, body.Replace("{name}", _name, StringComparison.Ordinal));

        AssertClientError(answer);
        var after = await Api.GetModelAsync(_name);
        Assert.Equal(before, after.GetRawText());
        AssertReadyVersion(await Api.GetVersionAsync(_name, "1"), _name, "1", "None");
    }

    [Fact]
    public async Task A_write_without_credentials_is_refused_as_GraphQL_refuses_it_and_a_read_is_served()
    {
        var anonymous = new MlflowApi(factory.ClientWithKey(null));

        (await anonymous.PostAsync("registered-models/set-tag", new { name = _name, key = "k", value = "v" })).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        (await anonymous.PostAsync("registered-models/create", new { name = Unique("anon") })).Error(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(_name, (await anonymous.GetModelAsync(_name)).GetProperty("name").GetString());
        Assert.Empty(MlflowApi.TagsOf(await Api.GetModelAsync(_name)));
    }

    [Fact]
    public async Task A_body_sent_as_form_data_is_a_4xx_not_a_5xx()
    {
        using var content = new StringContent("name=form-posted", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await factory.ClientWithKey(GovernedRegistryFactory.AdminKey).PostAsync(MlflowApi.Root + "registered-models/create", content);
        var answer = await MlflowAnswer.ReadAsync(response);

        AssertClientError(answer);
    }

    private static void AssertClientError(MlflowAnswer answer)
    {
        Assert.True((int)answer.Status is >= 400 and < 500, $"Expected a 4xx but got {(int)answer.Status}: {answer.Body}");
        Assert.True(answer.Json.TryGetProperty("error_code", out var code), $"No error_code: {answer.Body}");
        var expected = (int)answer.Status switch
        {
            400 => new[] { "INVALID_PARAMETER_VALUE", "BAD_REQUEST", "RESOURCE_ALREADY_EXISTS" },
            404 => ["RESOURCE_DOES_NOT_EXIST", "ENDPOINT_NOT_FOUND"],
            _ => [],
        };
        Assert.True(expected.Contains(code.GetString()), $"{(int)answer.Status} with error_code {code}: {answer.Body}");
        Assert.False(string.IsNullOrWhiteSpace(answer.Json.GetProperty("message").GetString()), $"An empty message: {answer.Body}");
    }
}
