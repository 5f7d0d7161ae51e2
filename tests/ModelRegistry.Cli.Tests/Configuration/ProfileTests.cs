using System.Runtime.Versioning;
using ModelRegistry.Cli.Configuration;
using ModelRegistry.Cli.Tests.Fixtures;

namespace ModelRegistry.Cli.Tests.Configuration;

/// <summary>Where profiles live, how they are protected, and how the environment overrides them.</summary>
public sealed class ProfileTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public void The_profile_file_lives_under_XDG_CONFIG_HOME()
    {
        var path = ConfigLocation.Resolve(Env(("XDG_CONFIG_HOME", "/srv/cfg"), ("HOME", "/home/ci")), isWindows: false);

        Assert.Equal("/srv/cfg/modelreg/config.json", path);
    }

    [Fact]
    public void Without_XDG_CONFIG_HOME_the_profile_file_lives_in_dot_config_of_the_home_folder()
    {
        Assert.Equal("/home/ci/.config/modelreg/config.json", ConfigLocation.Resolve(Env(("HOME", "/home/ci")), isWindows: false));
    }

    [Fact]
    public void A_relative_XDG_CONFIG_HOME_is_ignored_as_the_XDG_spec_requires()
    {
        var path = ConfigLocation.Resolve(Env(("XDG_CONFIG_HOME", "cfg"), ("HOME", "/home/ci")), isWindows: false);

        Assert.Equal("/home/ci/.config/modelreg/config.json", path);
    }

    [Fact]
    public void On_Windows_the_profile_file_lives_under_APPDATA()
    {
        var path = ConfigLocation.Resolve(Env(("APPDATA", "/appdata"), ("XDG_CONFIG_HOME", "/srv/cfg")), isWindows: true);

        Assert.Equal(Path.Combine("/appdata", "modelreg", "config.json"), path);
    }

    [Fact]
    public void MODELREG_CONFIG_names_the_profile_file_outright()
    {
        var path = ConfigLocation.Resolve(Env(("MODELREG_CONFIG", "/ci/workspace/modelreg.json"), ("HOME", "/home/ci")), isWindows: false);

        Assert.Equal("/ci/workspace/modelreg.json", path);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void A_saved_profile_file_is_readable_by_its_owner_only()
    {
        var store = new ProfileStore(_cli.ConfigPath);

        store.Save("default", new Profile("http://127.0.0.1:5000/", "secret"));
        store.Save("staging", new Profile("http://127.0.0.1:5001/", "other"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(_cli.ConfigPath)!));
        Assert.Equal(["default", "staging"], store.Load().Profiles.Keys.Order());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_cli.ConfigPath)!));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Saving_over_a_file_someone_made_world_readable_makes_it_owner_only_again()
    {
        var store = new ProfileStore(_cli.ConfigPath);
        store.Save("default", new Profile("http://127.0.0.1:5000/", "secret"));
        File.SetUnixFileMode(_cli.ConfigPath, (UnixFileMode)0b110_100_100);

        store.Save("default", new Profile("http://127.0.0.1:5000/", "rotated"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
    }

    [Fact]
    public void Environment_variables_win_over_the_saved_profile()
    {
        new ProfileStore(_cli.ConfigPath).Save("default", new Profile("http://127.0.0.1:5000/", "saved-key"));
        _cli.Environment["MODELREG_URL"] = "http://127.0.0.1:6000";

        var connection = RegistryConnection.Resolve(null, Host());

        Assert.Equal("http://127.0.0.1:6000/", connection.BaseUrl.ToString());
        Assert.Equal("saved-key", connection.ApiKey);
    }

    [Fact]
    public void The_profile_option_picks_a_named_profile_over_MODELREG_PROFILE()
    {
        var store = new ProfileStore(_cli.ConfigPath);
        store.Save("staging", new Profile("http://127.0.0.1:5001/", "staging-key"));
        store.Save("prod", new Profile("http://127.0.0.1:5002/", "prod-key"));
        _cli.Environment["MODELREG_PROFILE"] = "prod";

        Assert.Equal("staging-key", RegistryConnection.Resolve("staging", Host()).ApiKey);
        Assert.Equal("prod-key", RegistryConnection.Resolve(null, Host()).ApiKey);
    }

    [Fact]
    public async Task A_corrupt_profile_file_exits_1_naming_the_file()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.ConfigPath)!);
        await File.WriteAllTextAsync(_cli.ConfigPath, "{ not json");

        var result = await _cli.RunAsync("models", "list");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(_cli.ConfigPath, result.Stderr);
    }

    [Theory]
    [InlineData("/artifacts/a/b", "http://127.0.0.1:5000/registry/artifacts/a/b")]
    [InlineData("artifacts/a/b", "http://127.0.0.1:5000/registry/artifacts/a/b")]
    [InlineData("http://blob.example:10000/c/x?sig=1", "http://blob.example:10000/c/x?sig=1")]
    public void Download_urls_resolve_against_the_profile_url(string given, string expected)
    {
        var connection = new RegistryConnection(RegistryConnection.ParseUrl("http://127.0.0.1:5000/registry"), "key");

        Assert.Equal(expected, connection.Resolve(given).ToString());
    }

    private CliHost Host() => new(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings()), TextWriter.Null,
        TextWriter.Null, name => _cli.Environment.GetValueOrDefault(name), _cli.Root);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
        => name => variables.FirstOrDefault(v => v.Name == name).Value;

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();
}
