using System.Diagnostics;
using ModelRegistry.Api.Tests.Deployment;

namespace ModelRegistry.Api.Tests.Telemetry;

/// <summary>deploy/registry-alerts.yml is valid and does what its unit tests (deploy/registry-alerts.test.yml) say, by promtool.</summary>
public sealed class AlertRulesTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var (exitCode, output) = await PromtoolAsync("check", "rules", "registry-alerts.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_pass_their_promtool_unit_tests()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "registry-alerts.test.yml");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void The_compose_Prometheus_loads_the_rules_and_scrapes_the_registry()
    {
        var config = RepositoryFiles.Read("deploy/prometheus.yml");

        Assert.Contains("registry-alerts.yml", config, StringComparison.Ordinal);
        Assert.Contains("job_name: model-registry", config, StringComparison.Ordinal);
        Assert.Contains("/etc/prometheus/registry-alerts.yml", RepositoryFiles.Read("docker-compose.yml"), StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Promtool), "promtool is missing: run scripts/prerequisites.sh (apt-get install -y prometheus)");
        using var process = Process.Start(new ProcessStartInfo(Promtool, arguments)
        {
            WorkingDirectory = Path.Combine(RepositoryFiles.Root, "deploy"),
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + error);
    }
}
