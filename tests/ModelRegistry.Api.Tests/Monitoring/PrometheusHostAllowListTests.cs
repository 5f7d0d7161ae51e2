using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Monitoring;

/// <summary>A host that lists one Prometheus host in Registry:Monitoring:AllowedPrometheusHosts.</summary>
public sealed class AllowListedPrometheusApiFactory : RegistryApiFactory
{
    /// <summary>The one host the registry may query.</summary>
    public const string Host = "prometheus.monitoring.internal";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registry:Monitoring:AllowedPrometheusHosts:0", Host);
    }
}

/// <summary>
/// configureMonitoring makes the server query the URL every few minutes, so a DEPLOYER may only name a Prometheus the
/// operator allowed: with no list, loopback only; with a list, exactly its hosts.
/// </summary>
public sealed class PrometheusHostAllowListTests(RegistryApiFactory unconfigured, AllowListedPrometheusApiFactory configured)
    : IClassFixture<RegistryApiFactory>, IClassFixture<AllowListedPrometheusApiFactory>
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.12:8500")]
    [InlineData("https://prometheus.monitoring.internal")]
    [InlineData("http://admin.internal.example:9090")]
    public async Task Without_a_configured_list_a_non_loopback_prometheusUrl_is_refused_with_VALIDATION_FAILED_on_the_field(string url)
    {
        var error = await ConfigureExpectingErrorAsync(unconfigured.GraphQL(), url);

        Assert.Equal(("VALIDATION_FAILED", "prometheusUrl"), (error.Code, error.Field));
        Assert.Contains("Registry:Monitoring:AllowedPrometheusHosts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9090")]
    [InlineData("http://localhost:9090/")]
    [InlineData("http://[::1]:9090")]
    public async Task Without_a_configured_list_a_loopback_prometheusUrl_is_accepted(string url)
    {
        var monitoring = await ConfigureAsync(unconfigured.GraphQL(), url);

        Assert.Equal(url.TrimEnd('/'), monitoring.GetProperty("prometheusUrl").GetString());
    }

    [Theory]
    [InlineData("http://prometheus.monitoring.internal:9090")]
    [InlineData("https://PROMETHEUS.monitoring.internal/prom")]
    public async Task A_listed_host_is_accepted_whatever_its_port_scheme_or_path(string url)
    {
        var monitoring = await ConfigureAsync(configured.GraphQL(), url);

        Assert.Equal(url.TrimEnd('/'), monitoring.GetProperty("prometheusUrl").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9090")]
    [InlineData("http://evil.monitoring.internal:9090")]
    [InlineData("http://prometheus.monitoring.internal.attacker.example")]
    public async Task With_a_list_every_host_outside_it_is_refused_loopback_included(string url)
    {
        var error = await ConfigureExpectingErrorAsync(configured.GraphQL(), url);

        Assert.Equal(("VALIDATION_FAILED", "prometheusUrl"), (error.Code, error.Field));
    }

    private static async Task<System.Text.Json.JsonElement> ConfigureAsync(GraphQLClient client, string url)
    {
        var deploymentId = await client.RecordDeploymentAsync(await client.CreateVersionAsync(await client.RegisterModelAsync()));
        var payload = await client.MutateAsync(MonitoringArrange.Configure, Input(deploymentId, url));
        return payload.GetProperty("deployment").GetProperty("monitoring");
    }

    private static async Task<PayloadError> ConfigureExpectingErrorAsync(GraphQLClient client, string url)
    {
        var deploymentId = await client.RecordDeploymentAsync(await client.CreateVersionAsync(await client.RegisterModelAsync()));
        return await client.MutateExpectingErrorAsync(MonitoringArrange.Configure, Input(deploymentId, url));
    }

    private static object Input(string deploymentId, string url)
        => new { deploymentId, prometheusUrl = url, selector = "job=\"x\"", featureHistogramMetric = "model_feature_value" };
}
