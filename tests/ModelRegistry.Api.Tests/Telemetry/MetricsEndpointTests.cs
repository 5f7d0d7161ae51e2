using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Telemetry;

/// <summary>The Api host with a scrape key for /metrics.</summary>
public sealed class MetricsRegistryApiFactory : RegistryApiFactory
{
    /// <summary>The key a scraper sends as a bearer token.</summary>
    public const string ScrapeKey = "scrape-key-for-tests";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registry:Metrics:ScrapeKey", ScrapeKey);
    }

    /// <summary>Scrapes /metrics with the scrape key and returns the samples, keyed by name and labels as printed.</summary>
    public async Task<IReadOnlyDictionary<string, double>> ScrapeAsync()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeKey);
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Reads Prometheus' text format: one sample per line, <c>name{labels} value</c>.</summary>
public static partial class PrometheusText
{
    /// <summary>The samples of <paramref name="text"/>, keyed by series (name and labels exactly as printed).</summary>
    public static IReadOnlyDictionary<string, double> Parse(string text)
        => text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => Sample().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["series"].Value, m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    /// <summary>The value of a series, 0 when it is absent (a counter that never moved).</summary>
    public static double Value(this IReadOnlyDictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

    [GeneratedRegex(@"^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?) (?<value>\S+)$")]
    private static partial Regex Sample();
}

/// <summary>/metrics: who may read it, and what the registry's own series count.</summary>
public sealed class MetricsEndpointTests(MetricsRegistryApiFactory factory) : IClassFixture<MetricsRegistryApiFactory>
{
    [Fact]
    public async Task Metrics_are_refused_to_anonymous_callers_to_non_admins_and_to_a_wrong_scrape_key()
    {
        var viewerKey = await ViewerKeyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/metrics")).StatusCode);
        var viewer = factory.CreateClient();
        viewer.DefaultRequestHeaders.Add(TestCredentials.Header, viewerKey);
        using var forbidden = await viewer.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("FORBIDDEN", await forbidden.Content.ReadAsStringAsync());
        var wrongKey = factory.CreateClient();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-scrape-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_global_admin_reads_the_metrics_in_Prometheus_text_format()
    {
        using var response = await factory.CreateClient().AsAdmin().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(samples.Keys, k => k.StartsWith("process_cpu_seconds_total", StringComparison.Ordinal));
        Assert.Contains("registry_state_read_ok", samples.Keys);
        Assert.Equal(1, samples["registry_state_read_ok"]);
    }

    [Fact]
    public async Task Operations_are_counted_by_type_and_name_and_payload_errors_by_mutation_and_code()
    {
        var viewer = factory.GraphQL(await ViewerKeyAsync());
        var before = await factory.ScrapeAsync();

        const int attempts = 3;
        for (var i = 0; i < attempts; i++)
        {
            var refused = await viewer.SendAsync(
                """mutation CountedRegistration($input: RegisterModelInput!) { registerModel(input: $input) { model { id } errors { code } } }""",
                new { input = new { name = RegistryArrange.UniqueName("m"), task = "CLASSIFICATION", owner = "team" } });
            refused.AssertNoErrors();
        }
        (await viewer.SendAsync("{ __typename }")).AssertNoErrors();

        var after = await factory.ScrapeAsync();
        Assert.Equal(attempts, Delta("""graphql_operations_total{name="CountedRegistration",type="mutation"}"""));
        Assert.Equal(attempts, Delta("""registry_mutation_errors_total{code="FORBIDDEN",mutation="registerModel"}"""));
        Assert.True(Delta("""graphql_operations_total{name="(anonymous)",type="query"}""") >= 1);
        double Delta(string series) => after.Value(series) - before.Value(series);
    }

    [Fact]
    public async Task Errors_are_counted_by_the_code_clients_receive()
    {
        var before = await factory.ScrapeAsync();

        var response = await factory.GraphQL().SendAsync("query Broken { noSuchField }");

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.ErrorCodes.Single());
        var after = await factory.ScrapeAsync();
        var series = """graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED",type="query"}""";
        Assert.Equal(1, after.Value(series) - before.Value(series));
    }

    private async Task<string> ViewerKeyAsync()
    {
        var admin = factory.GraphQL();
        var principal = RegistryArrange.UniqueName("viewer");
        var (_, key) = await admin.CreateApiKeyAsync(principal);
        await admin.GrantRoleAsync(principal, "VIEWER");
        return key;
    }
}
