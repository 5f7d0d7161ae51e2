using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Search;

/// <summary>
/// The registry host on a real SQLite file in a temp folder, for the search tests. Settings are applied before the host
/// starts, so a test may prepare the folder (an older database, a seed) and then start the host over it.
/// </summary>
public class SearchRegistryHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string> _settings = [];

    /// <summary>Creates a host over a fresh temp folder.</summary>
    public SearchRegistryHost()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "registry-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings["Registry:DataDirectory"] = DataDirectory;
        _settings["Registry:Auth:BootstrapAdminKey"] = TestCredentials.AdminKey;
        foreach (var (key, value) in TestDatabase.Settings(DataDirectory))
            _settings[key] = value;
    }

    /// <summary>The folder that holds registry.db.</summary>
    public string DataDirectory { get; }

    /// <summary>The database file the host uses.</summary>
    public string DatabaseFile => Path.Combine(DataDirectory, "registry.db");

    /// <summary>Sets a configuration value; only effective before the first request.</summary>
    public SearchRegistryHost With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Stops the host and removes its temp folder.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        SqliteConnection.ClearAllPools();
        await TestDatabase.DropAsync(DataDirectory);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a stray temp folder; it must not fail the run.
        }
    }

    /// <summary>Posts a GraphQL request as the bootstrap admin and returns the whole response body.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null)
    {
        using var client = CreateClient().AsAdmin();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
