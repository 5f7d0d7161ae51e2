using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hosting;

/// <summary>
/// Settings that only make sense for replicas are checked at start-up: Hangfire's PostgreSQL storage needs the registry on
/// PostgreSQL, an unknown job storage is refused, and on PostgreSQL the audit anchor key file must be named, since every
/// replica must seal with the same key. None of these needs a database to be refused.
/// </summary>
public sealed class ReplicaSettingsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-replica-settings", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Postgres_job_storage_for_a_registry_on_SQLite_stops_start_up_naming_both_keys()
    {
        await using var host = Host(("Registry:Jobs:Storage", "Postgres"));

        var failure = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Registry:Jobs:Storage is Postgres, which keeps jobs in the registry's PostgreSQL database, but Registry:Database:Provider is not Postgres.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_storage_stops_start_up_naming_the_accepted_values()
    {
        await using var host = Host(("Registry:Jobs:Storage", "Redis"));

        var failure = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Registry:Jobs:Storage (environment variable Registry__Jobs__Storage) is 'Redis', but no such job storage exists. Accepted values: InMemory, Postgres.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_without_an_audit_anchor_key_path_stops_start_up_naming_the_key()
    {
        await using var host = Host(("Registry:Database:Provider", "Postgres"), ("ConnectionStrings:Registry", "Host=127.0.0.1;Port=1;Database=never_reached"));

        var failure = Assert.ThrowsAny<Exception>(() => host.Server).ToString();

        Assert.Contains("Registry:Audit:AnchorKeyPath (environment variable Registry__Audit__AnchorKeyPath) is not set", failure, StringComparison.Ordinal);
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

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings)
        => new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:DataDirectory", _directory);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.UseBootstrapAdminKey();
        });
}
