using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;
using Npgsql;
using static ModelRegistry.Api.Tests.Backups.AdminHosts;

namespace ModelRegistry.Api.Tests.Backups;

/// <summary>
/// The PostgreSQL procedure of docs/operations.md: <c>pg_dump --format=custom</c> of a registry's database,
/// <c>pg_restore</c> into a fresh database, and a registry started on it (with the same audit anchor key) finds its
/// chain intact, every event vouched for, and accepts writes.
/// </summary>
[Trait("Category", TestDatabase.PostgresOnly)]
public sealed class PostgresDumpRestoreTests : IAsyncLifetime
{
    private static readonly string PgBin = Environment.GetEnvironmentVariable("REGISTRY_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "model-registry-pg-dump-tests", Guid.NewGuid().ToString("N"));
    private readonly string _restoredDatabase = "t_restored_" + Guid.NewGuid().ToString("N")[..16];
    private readonly AdminHosts _hosts = new();

    [Fact]
    public async Task A_database_dumped_and_restored_with_pg_dump_and_pg_restore_verifies_its_chain_and_serves()
    {
        var sourceDirectory = Path.Combine(_root, "source");
        var source = _hosts.Host(sourceDirectory, b => b.UseTestDatabase(sourceDirectory));
        using (var admin = Client(source))
            for (var i = 0; i < 5; i++)
                await GraphQLAsync(admin, $"mutation {{ registerModel(input: {{ name: \"dumped-{i}\", task: REGRESSION, owner: \"ops\", reason: \"Prüfung {i} 🧪\" }}) {{ model {{ id }} }} }}");
        var dump = Path.Combine(_root, "registry.dump");

        await RunAsync("pg_dump", "--format=custom", "--no-owner", "--file", dump, "--dbname", Libpq(TestDatabase.ConnectionString(sourceDirectory)));
        await TestDatabase.AdminAsync($"CREATE DATABASE \"{_restoredDatabase}\"");
        await RunAsync("pg_restore", "--no-owner", "--exit-on-error", "--dbname", Libpq(TestDatabase.NamedConnectionString(_restoredDatabase)), dump);

        var restoredDirectory = Path.Combine(_root, "restored");
        var restored = _hosts.Host(restoredDirectory, b => b
            .UseSetting("Registry:Database:Provider", "Postgres")
            .UseSetting("ConnectionStrings:Registry", TestDatabase.NamedConnectionString(_restoredDatabase))
            // The same key the source sealed with: the restored events must still carry valid MACs.
            .UseSetting("Registry:Audit:AnchorKeyPath", Path.Combine(sourceDirectory, "keys", "audit-anchor.key")));
        using var client = Client(restored);
        var verification = (await GraphQLAsync(client, "{ verifyAuditTrail { valid checked tamper firstBrokenSequence } }")).GetProperty("verifyAuditTrail");
        var models = await GraphQLAsync(client, "{ models(first: 10) { totalCount } }");
        var write = await GraphQLAsync(client, "mutation { registerModel(input: { name: \"after-pg-restore\", task: REGRESSION, owner: \"ops\" }) { errors { code } } }");

        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("checked").GetInt64() >= 5, verification.ToString());
        Assert.Equal(5, models.GetProperty("models").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, write.GetProperty("registerModel").GetProperty("errors").ValueKind);
    }

    // pg_dump and pg_restore read libpq's keyword form, not Npgsql's.
    private static string Libpq(string npgsql)
    {
        var b = new NpgsqlConnectionStringBuilder(npgsql);
        return $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}" + (string.IsNullOrEmpty(b.Password) ? "" : $" password={b.Password}");
    }

    private static async Task RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(PgBin, tool), args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, $"{tool} exited {run.ExitCode}: {await output}{await error}");
    }




    /// <inheritdoc />
    public Task InitializeAsync()
    {
        TestDatabase.RequirePostgres();
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        await TestDatabase.DropNamedAsync(_restoredDatabase);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder; a file still held open must not fail the run.
        }
    }
}
