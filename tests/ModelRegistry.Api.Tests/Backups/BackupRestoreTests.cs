using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ModelRegistry.Api.Tests.Fixtures;
using static ModelRegistry.Api.Tests.Backups.AdminHosts;

namespace ModelRegistry.Api.Tests.Backups;

/// <summary>
/// <c>backup DIR</c> and <c>restore DIR</c>, run as the operator runs them (the Api's own process with the verb), against a
/// registry that is serving a burst of concurrent writes: the restored registry serves, its chain verifies, and every
/// write acknowledged before the backup began is in it, artifacts included. A backup with one event's row edited is
/// refused at that event's sequence, and leaves the target empty.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "model-registry-backup-tests", Guid.NewGuid().ToString("N"));
    private readonly AdminHosts _hosts = new();

    private string Source => Path.Combine(_root, "source");

    [Fact]
    public async Task A_backup_taken_during_a_write_burst_restores_to_a_registry_that_serves_verifies_and_holds_every_acknowledged_write()
    {
        var source = _hosts.Host(Source);
        using var admin = Client(source);
        var versionId = await ArrangeVersionWithArtifactAsync(source, admin);
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => WriteUntilStoppedAsync(source, w, acknowledged, stop.Token)).ToList();
        await WaitForAsync(() => acknowledged.Count >= 20);

        var before = acknowledged.ToList();
        var backup = await RunApiAsync(Source, "backup", Path.Combine(_root, "backup"));
        var duringBackup = acknowledged.Count - before.Count;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(duringBackup > 0, "No write was acknowledged while the backup ran, so it did not run under load.");
        var restore = await RunApiAsync(Path.Combine(_root, "restored"), "restore", Path.Combine(_root, "backup"));
        Assert.True(restore.ExitCode == 0, restore.Output);
        var restored = _hosts.Host(Path.Combine(_root, "restored"));
        using var client = Client(restored);
        var present = await ModelsPresentAsync(client, before);
        Assert.True(before.All(present.Contains), $"Missing after restore: {string.Join(", ", before.Where(n => !present.Contains(n)))} (writes during the backup: {duringBackup}).");
        var verification = (await GraphQLAsync(client, "{ verifyAuditTrail { valid checked firstBrokenSequence tamper } }")).GetProperty("verifyAuditTrail");
        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        var write = await GraphQLAsync(client, "mutation { registerModel(input: { name: \"after-restore\", task: REGRESSION, owner: \"ops\" }) { model { id } errors { code } } }");
        Assert.Equal(JsonValueKind.Null, write.GetProperty("registerModel").GetProperty("errors").ValueKind);
        var artifact = (await GraphQLAsync(client, $"{{ node(id: \"{versionId}\") {{ ... on ModelVersion {{ artifacts {{ name downloadUrl }} }} }} }}"))
            .GetProperty("node").GetProperty("artifacts")[0];
        Assert.Equal(new byte[] { 1, 2, 3 }, await client.GetByteArrayAsync(artifact.GetProperty("downloadUrl").GetString()));
    }

    [Fact]
    public async Task A_backup_with_one_edited_event_is_refused_at_that_sequence_and_restores_nothing()
    {
        var source = _hosts.Host(Source);
        using var admin = Client(source);
        for (var i = 0; i < 6; i++)
            await GraphQLAsync(admin, $"mutation {{ registerModel(input: {{ name: \"tamper-{i}\", task: REGRESSION, owner: \"ops\" }}) {{ model {{ id }} }} }}");
        var backupDirectory = Path.Combine(_root, "backup");
        Assert.Equal(0, (await RunApiAsync(Source, "backup", backupDirectory)).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(backupDirectory, "registry.db")};Pooling=False"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE AuditEvents SET Actor = 'mallory' WHERE Sequence = 4";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }
        var target = Path.Combine(_root, "restored");

        var refused = await RunApiAsync(target, "restore", backupDirectory);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: AUDIT_CHAIN_TAMPERED: The backup's audit chain is broken at sequence 4 ", refused.Output);
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(), "A refused restore left files behind.");
    }

    [Fact]
    public async Task Backup_and_restore_refuse_a_folder_that_is_not_empty()
    {
        var source = _hosts.Host(Source);
        using var admin = Client(source);
        await GraphQLAsync(admin, "mutation { registerModel(input: { name: \"occupied\", task: REGRESSION, owner: \"ops\" }) { model { id } } }");
        var occupied = Path.Combine(_root, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "keep.txt"), "mine");

        var backup = await RunApiAsync(Source, "backup", occupied);
        Assert.Equal(0, (await RunApiAsync(Source, "backup", Path.Combine(_root, "backup"))).ExitCode);
        var restore = await RunApiAsync(occupied, "restore", Path.Combine(_root, "backup"));

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("error: TARGET_NOT_EMPTY:", backup.Output);
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("error: TARGET_NOT_EMPTY:", restore.Output);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(occupied).Select(Path.GetFileName));
    }

    private static async Task WriteUntilStoppedAsync(WebApplicationFactory<Program> host, int writer, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        using var client = Client(host);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var name = $"burst-{writer}-{i}";
            var data = await GraphQLAsync(client, $"mutation {{ registerModel(input: {{ name: \"{name}\", task: REGRESSION, owner: \"burst\" }}) {{ model {{ id }} errors {{ code }} }} }}");
            Assert.Equal(JsonValueKind.Null, data.GetProperty("registerModel").GetProperty("errors").ValueKind);
            acknowledged.Enqueue(name);
        }
    }

    private static async Task<string> ArrangeVersionWithArtifactAsync(WebApplicationFactory<Program> host, HttpClient admin)
    {
        var model = await GraphQLAsync(admin, "mutation { registerModel(input: { name: \"backed-up\", task: REGRESSION, owner: \"ops\" }) { model { id } } }");
        var modelId = model.GetProperty("registerModel").GetProperty("model").GetProperty("id").GetString();
        var version = await GraphQLAsync(admin, $"mutation {{ createModelVersion(input: {{ modelId: \"{modelId}\" }}) {{ modelVersion {{ id }} }} }}");
        var versionId = version.GetProperty("createModelVersion").GetProperty("modelVersion").GetProperty("id").GetString()!;
        using var upload = await admin.PutAsync($"/artifacts/{versionId}/weights.bin", new ByteArrayContent([1, 2, 3]));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        return versionId;
    }

    private static async Task<HashSet<string>> ModelsPresentAsync(HttpClient client, IReadOnlyList<string> names)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(20))
        {
            var query = new StringBuilder("{");
            for (var i = 0; i < chunk.Length; i++)
                query.Append($" m{i}: model(name: \"{chunk[i]}\") {{ name }}");
            var data = await GraphQLAsync(client, query.Append(" }").ToString());
            foreach (var field in data.EnumerateObject())
                if (field.Value.ValueKind == JsonValueKind.Object)
                    present.Add(field.Value.GetProperty("name").GetString()!);
        }
        return present;
    }


    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The writers did not get going within a minute.");
            await Task.Delay(50);
        }
    }

    /// <summary>Runs the Api's own executable with a verb, as <c>dotnet run --project src/ModelRegistry.Api -- VERB DIR</c> does.</summary>
    private static async Task<(int ExitCode, string Output)> RunApiAsync(string dataDirectory, string verb, string folder)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, verb, folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Registry__DataDirectory"] = dataDirectory;
        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await run.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
        }
        return (run.ExitCode, await output + await error);
    }



    /// <inheritdoc />
    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _hosts.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
