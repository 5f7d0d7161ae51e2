using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hosting;

/// <summary>
/// Registry:Database:Provider (Registry__Database__Provider) picks the database. SQLite, the default, serves; any other
/// value stops start-up with a message naming the key and the values accepted, rather than failing requests later.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class DatabaseProviderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-provider-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("sqlite")]
    public async Task Sqlite_named_in_any_case_serves(string provider)
    {
        await using var host = Host(provider);

        using var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("postgresql")]
    public async Task An_unknown_provider_stops_start_up_naming_the_key_and_the_accepted_values(string provider)
    {
        await using var host = Host(provider);

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        var message = failure.ToString();
        Assert.Contains($"Registry:Database:Provider (environment variable Registry__Database__Provider) is '{provider}', but the registry knows no such provider.", message, StringComparison.Ordinal);
        Assert.Contains("Accepted values: Sqlite, Postgres.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_stops_start_up_naming_the_missing_key()
    {
        await using var host = Host("Postgres");

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("ConnectionStrings:Registry (environment variable ConnectionStrings__Registry) is not set", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_process_started_with_an_unusable_provider_setting_exits_with_the_message_before_serving()
    {
        Directory.CreateDirectory(_directory);
        var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(RepositoryFiles.Root, "src", "ModelRegistry.Api"), "-c", configuration, "--no-build", "--no-launch-profile",
             "--", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = _directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["Registry__Database__Provider"] = "Postgres";
        start.Environment["Registry__DataDirectory"] = _directory;
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await run.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
        }

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ConnectionStrings:Registry (environment variable ConnectionStrings__Registry) is not set", await output + await error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "registry.db")), "The host created a SQLite database although PostgreSQL was asked for.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_directory))
                Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder; a file still held open must not fail the run.
        }
    }

    private WebApplicationFactory<Program> Host(string provider)
        => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:DataDirectory", _directory);
            builder.UseSetting("Registry:Database:Provider", provider);
            builder.UseBootstrapAdminKey();
        });
}
