using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Backups;

/// <summary>
/// Registry hosts on data directories a test names (a source, a restored copy), all with one bootstrap admin key;
/// stopped, and their directories and databases removed, when disposed.
/// </summary>
public sealed class AdminHosts : IAsyncDisposable
{
    /// <summary>The bootstrap admin key of every host.</summary>
    public const string AdminKey = "backup-tests-admin-key";

    private readonly List<(WebApplicationFactory<Program> Host, string Directory)> _hosts = [];

    /// <summary>A host on <paramref name="dataDirectory"/>; <paramref name="configure"/> adds settings (the database, say).</summary>
    public WebApplicationFactory<Program> Host(string dataDirectory, Action<IWebHostBuilder>? configure = null)
    {
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:DataDirectory", dataDirectory);
            builder.UseSetting("Registry:Auth:BootstrapAdminKey", AdminKey);
            configure?.Invoke(builder);
        });
        _hosts.Add((host, dataDirectory));
        return host;
    }

    /// <summary>An HTTP client of <paramref name="host"/> presenting the admin key.</summary>
    public static HttpClient Client(WebApplicationFactory<Program> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    /// <summary>Runs a GraphQL document that must answer without top-level errors; returns <c>data</c>.</summary>
    public static async Task<JsonElement> GraphQLAsync(HttpClient client, string query)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("errors", out var errors), errors.ToString());
        return body.GetProperty("data");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (host, directory) in _hosts)
            await HostDataDirectory.StopAndDeleteAsync(host, directory);
    }
}
