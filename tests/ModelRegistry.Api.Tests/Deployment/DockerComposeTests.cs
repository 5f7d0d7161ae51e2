using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>Checks docker-compose.yml and the Dockerfile against the configuration contract, without a Docker engine.</summary>
public sealed class DockerComposeTests
{
    private const string Api = "api";

    private readonly ComposeDocument compose = ComposeDocument.Parse(RepositoryFiles.Read("docker-compose.yml"));
    private readonly DockerfileDocument dockerfile = DockerfileDocument.Parse(RepositoryFiles.Read("Dockerfile"));

    [Fact]
    public void Compose_defines_the_api_service_built_from_the_repository_Dockerfile()
    {
        Assert.Contains(Api, compose.ServiceNames);
        var service = compose.Service(Api);
        Assert.Equal(".", ComposeDocument.Scalar(service, "build", "context"));
        var dockerfileName = ComposeDocument.Scalar(service, "build", "dockerfile") ?? "Dockerfile";
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, dockerfileName)), $"{dockerfileName} is missing");
    }

    [Fact]
    public void Api_service_publishes_host_port_5000_to_the_port_the_container_listens_on()
    {
        var listeningPorts = ConfigurationContract.PortsOf(EffectiveEnvironment()["ASPNETCORE_URLS"]);

        var port = Assert.Single(compose.Ports(Api));
        Assert.Equal(5000, port.HostPort);
        Assert.Contains(port.ContainerPort, listeningPorts);
    }

    [Fact]
    public void Api_service_publishes_its_port_on_loopback_only()
    {
        Assert.All(compose.Ports(Api), port => Assert.Equal("127.0.0.1", port.HostAddress));
    }

    [Fact]
    public void Every_service_publishes_its_ports_on_loopback_only()
    {
        Assert.Equal(["api", "azurite", "prometheus"], compose.ServiceNames.Order());
        Assert.All(compose.ServiceNames, service =>
            Assert.All(compose.Ports(service), port => Assert.Equal("127.0.0.1", port.HostAddress)));
    }

    [Fact]
    public async Task Prometheus_service_mounts_a_repository_config_that_promtool_accepts()
    {
        var config = Assert.Single(compose.Mounts("prometheus"), mount => mount.Target == "/etc/prometheus/prometheus.yml");
        var path = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, config.Source));
        Assert.True(File.Exists(path), $"{config.Source} is missing");
        Assert.Contains("prometheus-data", compose.VolumeNames);

        const string promtool = "/usr/bin/promtool";
        Assert.True(File.Exists(promtool), "promtool is missing: run scripts/prerequisites.sh (apt-get install -y prometheus)");
        using var check = Process.Start(new ProcessStartInfo(promtool, ["check", "config", path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = check.StandardOutput.ReadToEndAsync();
        var error = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, $"promtool check config failed: {error} {await output}");
    }

    [Fact]
    public void Every_registry_key_in_the_compose_environment_is_a_documented_configuration_key()
    {
        var governed = compose.Environment(Api).Keys.Where(ConfigurationContract.IsGoverned).ToList();

        Assert.NotEmpty(governed);
        Assert.All(governed, key => Assert.Contains(key, ConfigurationContract.Keys));
    }

    [Fact]
    public void Every_registry_key_the_Dockerfile_sets_is_a_documented_configuration_key()
    {
        var governed = dockerfile.Stages.SelectMany(stage => stage.Environment.Keys).Where(ConfigurationContract.IsGoverned).ToList();

        Assert.NotEmpty(governed);
        Assert.All(governed, key => Assert.Contains(key, ConfigurationContract.Keys));
    }

    [Fact]
    public void Compose_selects_the_embedded_providers_by_their_documented_names()
    {
        var environment = compose.Environment(Api);

        Assert.Equal("Sqlite", environment["Registry__Database__Provider"]);
        Assert.Equal("InMemory", environment["Registry__Jobs__Storage"]);
        Assert.Equal("FileSystem", environment["Registry__Artifacts__Provider"]);
    }

    [Fact]
    public void Data_directory_is_a_named_volume_mounted_at_the_configured_path()
    {
        var dataDirectory = EffectiveEnvironment()["Registry__DataDirectory"];

        var mount = Assert.Single(compose.Mounts(Api), mount => mount.Target == dataDirectory);
        Assert.Equal("registry-data", mount.Source);
        Assert.Contains(mount.Source, compose.VolumeNames);
    }

    [Fact]
    public void Dockerfile_declares_its_data_directory_as_a_volume()
    {
        var dataDirectory = dockerfile.FinalStage.Environment["Registry__DataDirectory"];

        var volumes = dockerfile.FinalStage.ArgumentsOf("VOLUME")
            .SelectMany(arguments => arguments.Trim('[', ']').Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(path => path.Trim('"'));
        Assert.Contains(dataDirectory, volumes);
    }

    [Fact]
    public void Dockerfile_builds_with_the_sdk_and_runs_on_the_aspnet_runtime_image()
    {
        Assert.True(dockerfile.Stages.Count >= 2, "the Dockerfile should be a multi-stage build");
        Assert.Contains(dockerfile.Stages, stage => stage.BaseImage.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal));
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.FinalStage.BaseImage, StringComparison.Ordinal);
        Assert.Contains(dockerfile.FinalStage.ArgumentsOf("COPY"), arguments => arguments.Contains("--from=", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_runs_the_final_image_as_a_non_root_user()
    {
        var user = dockerfile.FinalStage.ArgumentsOf("USER").LastOrDefault();

        Assert.NotNull(user);
        var name = user.Split(':')[0];
        Assert.DoesNotContain(name, new[] { "root", "0" });
    }

    [Fact]
    public void Health_checks_probe_healthz_on_the_port_the_container_listens_on()
    {
        var port = Assert.Single(ConfigurationContract.PortsOf(EffectiveEnvironment()["ASPNETCORE_URLS"]));
        var dockerfileCheck = Assert.Single(dockerfile.FinalStage.ArgumentsOf("HEALTHCHECK"));

        foreach (var check in new[] { dockerfileCheck, compose.HealthCheck(Api) })
        {
            Assert.Contains("/healthz", check, StringComparison.Ordinal);
            Assert.Matches($"(127\\.0\\.0\\.1|localhost)[:/]{port}(?![0-9])", check);
        }
    }

    [Fact]
    public void Compose_refuses_to_start_the_api_until_a_bootstrap_admin_key_is_supplied()
    {
        var key = compose.Environment(Api)["Registry__Auth__BootstrapAdminKey"];

        // ${NAME:?message} makes `docker compose up` stop with the message when NAME is unset or empty, instead of
        // starting a Production registry that answers every request with 401.
        var required = Regex.Match(key, @"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*):\?(?<message>.+)\}$");
        Assert.True(required.Success, $"Registry__Auth__BootstrapAdminKey should be a required variable, not '{key}'");
        Assert.Contains(required.Groups["name"].Value, required.Groups["message"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_docker_section_names_the_variable_that_carries_the_bootstrap_admin_key()
    {
        var variable = Regex.Match(compose.Environment(Api)["Registry__Auth__BootstrapAdminKey"], @"^\$\{(?<name>[A-Za-z0-9_]+)").Groups["name"].Value;
        var readme = RepositoryFiles.Read("README.md");
        var docker = readme[readme.IndexOf("## Docker", StringComparison.Ordinal)..];
        docker = docker[..docker.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        Assert.Contains($"{variable}=", docker, StringComparison.Ordinal);
        Assert.Contains("Registry__Auth__BootstrapAdminKeyFile", docker, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_allows_the_api_to_query_the_prometheus_service_it_ships()
    {
        var allowed = compose.Environment(Api).Where(e => e.Key.StartsWith("Registry__Monitoring__AllowedPrometheusHosts__", StringComparison.Ordinal))
            .Select(e => e.Value);

        Assert.Contains("prometheus", allowed);
    }

    [Fact]
    public void Readme_configuration_table_lists_every_documented_key()
    {
        var readme = RepositoryFiles.Read("README.md");

        Assert.All(ConfigurationContract.Keys, key => Assert.Contains($"`{key}`", readme, StringComparison.Ordinal));
    }

    /// <summary>The container's environment: the image's ENV, overridden by the compose service.</summary>
    private Dictionary<string, string> EffectiveEnvironment()
    {
        var environment = new Dictionary<string, string>(dockerfile.FinalStage.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in compose.Environment(Api))
        {
            environment[key] = value;
        }

        return environment;
    }
}
