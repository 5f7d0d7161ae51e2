using ModelRegistry.Cli.Tests.Fixtures;

namespace ModelRegistry.Cli.Tests.Commands;

/// <summary>Argument parsing and the exit codes a script sees before any request is made.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task A_missing_required_option_exits_1_with_a_one_line_usage_error()
    {
        var result = await _cli.RunAsync("push", "--task", "classification");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: USAGE: Option '--model' is required.", line);
        Assert.Contains("modelreg push --help", line);
    }

    [Fact]
    public async Task An_unknown_command_exits_1()
    {
        var result = await _cli.RunAsync("publish");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'publish'", result.Stderr);
    }

    [Theory]
    [InlineData("three")]
    [InlineData("0")]
    [InlineData("-2")]
    public async Task A_version_that_is_not_a_positive_number_exits_1(string version)
    {
        var result = await _cli.RunAsync("promote", "fraud", version, "--to", "PRODUCTION", "--reason", "ok");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: USAGE:", result.Stderr);
    }

    [Fact]
    public void A_version_may_be_written_with_a_v_prefix()
    {
        var parse = CliApplication.BuildRoot(TestHost()).Parse(["lineage", "fraud", "v12"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(12, parse.GetValue<int>("VERSION"));
    }

    [Theory]
    [InlineData("--depth", "11")]
    [InlineData("--depth", "-1")]
    [InlineData("--direction", "SIDEWAYS")]
    public async Task Lineage_options_outside_their_range_exit_1(string option, string value)
    {
        var result = await _cli.RunAsync("lineage", "fraud", "1", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(option, result.Stderr);
    }

    [Fact]
    public async Task Promote_to_an_unknown_stage_exits_1()
    {
        var result = await _cli.RunAsync("promote", "fraud", "1", "--to", "LIVE", "--reason", "ok");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--to must be one of", result.Stderr);
    }

    [Fact]
    public async Task A_command_without_a_registry_configured_exits_1_and_names_login()
    {
        var result = await _cli.RunAsync("models", "list");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("modelreg login", result.Stderr);
    }

    [Fact]
    public async Task With_json_a_failure_is_also_a_json_document_on_stdout()
    {
        var result = await _cli.RunAsync("models", "list", "--json");

        var error = result.Json().GetProperty("error");
        Assert.Equal("USAGE", error.GetProperty("code").GetString());
        Assert.Equal(1, error.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_registry_exits_3()
    {
        _cli.Environment["MODELREG_URL"] = $"http://127.0.0.1:{FreePort.Find()}";
        _cli.Environment["MODELREG_API_KEY"] = "key";

        var result = await _cli.RunAsync("models", "list");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Equal("error: UNREACHABLE: Cannot reach the registry at " + _cli.Environment["MODELREG_URL"] + "/: connection refused.",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task A_registry_answering_5xx_counts_as_unreachable_and_exits_3()
    {
        await using var fake = await FakeRegistry.StartAsync();
        fake.AnswerGraphQL = (_, _) => null;
        _cli.Environment["MODELREG_URL"] = fake.Url;

        var result = await _cli.RunAsync("models", "show", "fraud");

        Assert.Equal(ExitCodes.Unreachable, result.ExitCode);
        Assert.Contains("503", result.Stderr);
    }

    [Fact]
    public async Task Push_with_an_unreadable_metrics_file_exits_1_before_asking_the_registry()
    {
        await using var fake = await FakeRegistry.StartAsync();
        _cli.Environment["MODELREG_URL"] = fake.Url;
        _cli.WriteFile("metrics.json", "{ \"auc\": \"high\" }");

        var result = await _cli.RunAsync("push", "--model", "fraud", "--metrics", "metrics.json");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("metric 'auc' needs a finite number", result.Stderr);
        Assert.Empty(fake.Queries);
    }

    private CliHost TestHost() => new(Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings()), TextWriter.Null,
        TextWriter.Null, _ => null, _cli.Root);

    /// <inheritdoc />
    public void Dispose() => _cli.Dispose();
}
