using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>Checks docker-compose.yml and the Dockerfile against the configuration contract, without a Docker engine.</summary>
public sealed class DockerComposeTests
{
    private const string Api = "api";
    private const string Scale = "scale";
    private static readonly string[] Replicas = ["api-a", "api-b"];

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
        Assert.Equal(["api", "api-a", "api-b", "azurite", "postgres", "prometheus", "proxy"], compose.ServiceNames.Order());
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

    [Theory]
    [InlineData("api")]
    [InlineData("api-a")]
    [InlineData("api-b")]
    public void Every_registry_key_in_the_compose_environment_is_a_documented_configuration_key(string service)
    {
        var governed = compose.Environment(service).Keys.Where(ConfigurationContract.IsGoverned).ToList();

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
        // The published port: the other one the container listens on serves /metrics only.
        var port = Assert.Single(compose.Ports(Api)).ContainerPort;
        Assert.Contains(port, ConfigurationContract.PortsOf(EffectiveEnvironment()["ASPNETCORE_URLS"]));
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

    [Fact]
    public void Scale_services_start_only_with_the_scale_profile_and_the_default_api_keeps_none()
    {
        Assert.Empty(compose.Profiles(Api));
        Assert.All(["postgres", "proxy", .. Replicas], service => Assert.Equal([Scale], compose.Profiles(service)));
    }

    [Fact]
    public void Scale_replicas_run_the_api_image_built_from_the_repository_Dockerfile()
    {
        var image = ComposeDocument.Scalar(compose.Service(Api), "image");

        Assert.All(Replicas, replica =>
        {
            var service = compose.Service(replica);
            Assert.Equal(image, ComposeDocument.Scalar(service, "image"));
            Assert.Equal(".", ComposeDocument.Scalar(service, "build", "context"));
            Assert.Equal(ComposeDocument.Scalar(compose.Service(Api), "build", "dockerfile"), ComposeDocument.Scalar(service, "build", "dockerfile"));
        });
    }

    [Fact]
    public void Scale_replicas_use_the_postgres_service_for_data_and_jobs_once_it_is_healthy()
    {
        var database = compose.Environment("postgres")["POSTGRES_DB"];

        Assert.All(Replicas, replica =>
        {
            var environment = compose.Environment(replica);
            Assert.Equal("Postgres", environment["Registry__Database__Provider"]);
            Assert.Equal("Postgres", environment["Registry__Jobs__Storage"]);
            var connection = environment["ConnectionStrings__Registry"];
            Assert.Contains("Host=postgres;", connection, StringComparison.Ordinal);
            Assert.Contains($"Database={database};", connection, StringComparison.Ordinal);
            Assert.Equal("service_healthy", compose.DependsOn(replica)["postgres"]);
        });
    }

    [Fact]
    public void Scale_replicas_share_the_database_password_the_postgres_service_requires()
    {
        var password = compose.Environment("postgres")["POSTGRES_PASSWORD"];
        var required = Regex.Match(password, @"^\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*):\?.+\}$");

        Assert.True(required.Success, $"POSTGRES_PASSWORD should be a required variable, not '{password}'");
        Assert.All(Replicas, replica => Assert.Contains(
            $"Password=${{{required.Groups["name"].Value}:?", compose.Environment(replica)["ConnectionStrings__Registry"], StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_service_keeps_its_data_in_a_named_volume_and_reports_its_health()
    {
        var mount = Assert.Single(compose.Mounts("postgres"));

        Assert.Equal("/var/lib/postgresql/data", mount.Target);
        Assert.Contains(mount.Source, compose.VolumeNames);
        Assert.StartsWith("postgres:15", ComposeDocument.Scalar(compose.Service("postgres"), "image"), StringComparison.Ordinal);
        Assert.Contains("pg_isready", compose.HealthCheck("postgres"), StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_replicas_share_one_audit_anchor_key_volume()
    {
        var keyPaths = Replicas.Select(replica => compose.Environment(replica)["Registry__Audit__AnchorKeyPath"]).Distinct().ToList();

        var keyPath = Assert.Single(keyPaths);
        var keyDirectory = keyPath[..keyPath.LastIndexOf('/')];
        var volumes = Replicas.Select(replica => Assert.Single(compose.Mounts(replica), mount => mount.Target == keyDirectory).Source).Distinct().ToList();
        Assert.Contains(Assert.Single(volumes), compose.VolumeNames);
    }

    [Fact]
    public void Scale_replicas_share_the_artifact_folder_and_keep_their_own_data_directory()
    {
        // The FileSystem store keeps artifacts in <DataDirectory>/artifacts; the per-replica anchored head stays beside it.
        var dataDirectories = Replicas.Select(replica => compose.Environment(replica)["Registry__DataDirectory"]).Distinct().ToList();
        var dataDirectory = Assert.Single(dataDirectories);
        Assert.All(Replicas, replica => Assert.Equal("FileSystem", compose.Environment(replica)["Registry__Artifacts__Provider"]));

        var artifactVolumes = Replicas.Select(replica => Assert.Single(compose.Mounts(replica), mount => mount.Target == $"{dataDirectory}/artifacts").Source).Distinct().ToList();
        var dataVolumes = Replicas.Select(replica => Assert.Single(compose.Mounts(replica), mount => mount.Target == dataDirectory).Source).ToList();

        Assert.Contains(Assert.Single(artifactVolumes), compose.VolumeNames);
        Assert.Equal(Replicas.Length, dataVolumes.Distinct().Count());
        Assert.All(dataVolumes, volume => Assert.Contains(volume, compose.VolumeNames));
    }

    [Fact]
    public void Dockerfile_gives_the_app_user_the_folders_the_shared_volumes_mount_over()
    {
        var keyPath = compose.Environment(Replicas[0])["Registry__Audit__AnchorKeyPath"];
        var dataDirectory = compose.Environment(Replicas[0])["Registry__DataDirectory"];
        var run = string.Join('\n', dockerfile.FinalStage.ArgumentsOf("RUN"));

        // A fresh named volume takes the owner of the image folder it mounts over; a folder the image lacks is root's.
        Assert.Contains($"{dataDirectory}/artifacts", run, StringComparison.Ordinal);
        Assert.Contains(keyPath[..keyPath.LastIndexOf('/')], run, StringComparison.Ordinal);
        Assert.Contains("chown", run, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_is_the_only_published_entry_to_the_replicas()
    {
        var port = Assert.Single(compose.Ports("proxy"));

        Assert.Equal("127.0.0.1", port.HostAddress);
        Assert.All(["postgres", .. Replicas], service => Assert.Empty(compose.Ports(service)));
        Assert.All(Replicas, replica => Assert.Contains(replica, compose.DependsOn("proxy").Keys));
    }

    [Fact]
    public void Proxy_config_upgrades_websockets_streams_events_and_balances_over_both_replicas()
    {
        var config = Assert.Single(compose.Mounts("proxy"), mount => mount.Target.StartsWith("/etc/nginx/", StringComparison.Ordinal));
        var text = RepositoryFiles.Read(config.Source.TrimStart('.', '/'));
        var listeningPort = Assert.Single(ConfigurationContract.PortsOf(compose.Environment(Replicas[0])["ASPNETCORE_URLS"]));

        Assert.Equal("deploy/nginx/registry.conf", config.Source.TrimStart('.', '/'));
        Assert.Matches(@"proxy_http_version\s+1\.1;", text);
        Assert.Matches(@"proxy_set_header\s+Upgrade\s+\$http_upgrade;", text);
        Assert.Matches(@"proxy_set_header\s+Connection\s+\$connection_upgrade;", text);
        Assert.Matches(@"map\s+\$http_upgrade\s+\$connection_upgrade", text);
        Assert.Matches(@"proxy_buffering\s+off;", text);
        Assert.Matches(@"proxy_read_timeout\s+\d+h;", text);
        Assert.All(Replicas, replica => Assert.Matches($@"server\s+{replica}:{listeningPort}\b", text));
        Assert.Matches($@"listen\s+{Assert.Single(compose.Ports("proxy")).ContainerPort};", text);
    }

    [Fact]
    public async Task Proxy_config_is_accepted_by_nginx()
    {
        const string nginx = "/usr/sbin/nginx";
        Assert.True(File.Exists(nginx), "nginx is missing: run scripts/prerequisites.sh (apt-get install -y nginx)");
        var directory = Directory.CreateTempSubdirectory("registry-nginx-");
        try
        {
            // The compose service names resolve only inside compose's network; loopback stands in for them here.
            var config = Regex.Replace(RepositoryFiles.Read("deploy/nginx/registry.conf"), @"server\s+api-[ab]:", "server 127.0.0.1:");
            config = Regex.Replace(config, @"listen\s+\d+;", "listen 127.0.0.1:1;");
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "registry.conf"), config);
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "nginx.conf"), $$"""
                pid {{directory.FullName}}/nginx.pid;
                error_log {{directory.FullName}}/error.log;
                events { }
                http { access_log off; include {{directory.FullName}}/registry.conf; }
                """);

            using var check = Process.Start(new ProcessStartInfo(nginx, ["-t", "-q", "-p", directory.FullName, "-c", Path.Combine(directory.FullName, "nginx.conf")])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var output = check.StandardOutput.ReadToEndAsync();
            var error = await check.StandardError.ReadToEndAsync();
            await check.WaitForExitAsync();
            Assert.True(check.ExitCode == 0, $"nginx -t rejected deploy/nginx/registry.conf: {error} {await output}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Readme_run_at_scale_section_gives_the_compose_command_of_the_scale_profile()
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf("## Run at scale", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Run at scale\" section");
        var section = readme[start..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var password = Regex.Match(compose.Environment("postgres")["POSTGRES_PASSWORD"], @"^\$\{(?<name>[A-Za-z0-9_]+)").Groups["name"].Value;

        Assert.Contains($"--profile {Scale} up --build proxy", section, StringComparison.Ordinal);
        Assert.Contains($"{password}=", section, StringComparison.Ordinal);
        Assert.Contains("deploy/nginx/registry.conf", section, StringComparison.Ordinal);
        Assert.Contains("scripts/postgres.sh", section, StringComparison.Ordinal);
        // Every setting a replica needs beyond the embedded api's is explained where the section configures replicas by hand.
        var embedded = compose.Environment(Api);
        var scaleSettings = Replicas.SelectMany(replica => compose.Environment(replica))
            .Where(setting => ConfigurationContract.IsGoverned(setting.Key))
            .Where(setting => !embedded.TryGetValue(setting.Key, out var value) || value != setting.Value)
            .Select(setting => setting.Key)
            .Distinct()
            .ToList();
        Assert.Contains("Registry__Audit__AnchorKeyPath", scaleSettings);
        Assert.All(scaleSettings, key => Assert.Contains(key, section, StringComparison.Ordinal));
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
