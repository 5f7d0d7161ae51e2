using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>Tear-down shared by the test hosts that keep their registry in a data directory of their own.</summary>
public static class HostDataDirectory
{
    /// <summary>Stops the host, releases its pooled SQLite connections (they keep registry.db open), then deletes the directory.</summary>
    public static async Task StopAndDeleteAsync(WebApplicationFactory<Program> host, string dataDirectory)
    {
        var options = host.Services.GetRequiredService<RegistryPersistenceOptions>();
        await host.DisposeAsync();
        if (!options.IsPostgres)
        {
            using var connection = new SqliteConnection(options.ResolveSqliteConnectionString());
            SqliteConnection.ClearPool(connection);
        }
        await TestDatabase.DropAsync(dataDirectory);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run; the directory lives under the temp folder.
        }
    }
}
