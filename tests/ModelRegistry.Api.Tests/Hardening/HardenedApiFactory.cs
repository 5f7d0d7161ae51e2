using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Infrastructure;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>The real Api host on a SQLite file of its own, with <c>Registry:Limits:*</c> set by the test class.</summary>
public class HardenedApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The bootstrap admin key the host accepts in <c>X-Api-Key</c>.</summary>
    public const string AdminKey = "hardening-bootstrap-admin-key";

    /// <summary>The host's data directory.</summary>
    protected string DataDirectory => _dataDirectory;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "model-registry-hardening-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Settings under <c>Registry:Limits</c> for this host.</summary>
    protected virtual IReadOnlyDictionary<string, string> Limits => new Dictionary<string, string> { ["MaxBatchSize"] = "4" };

    /// <summary>POSTs a JSON body to /graphql (or another spelling of its path), optionally as the bootstrap admin.</summary>
    public async Task<ApiResponse> PostAsync(HttpClient client, string json, bool asAdmin = false, string? accept = null, string path = "/graphql")
    {
        // An absolute URI keeps spellings such as "//graphql" that a relative one would read as a host name.
        var uri = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (asAdmin)
            request.Headers.Add("X-Api-Key", AdminKey);
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    /// <summary>POSTs one GraphQL query.</summary>
    public Task<ApiResponse> QueryAsync(HttpClient client, string query, bool asAdmin = false)
        => PostAsync(client, JsonSerializer.Serialize(new { query }), asAdmin);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:DataDirectory", _dataDirectory);
        builder.UseTestDatabase(_dataDirectory);
        builder.UseSetting("Registry:Auth:BootstrapAdminKey", AdminKey);
        foreach (var (key, value) in Limits)
            builder.UseSetting("Registry:Limits:" + key, value);
    }

    /// <summary>Starts the host so a broken start fails the fixture.</summary>
    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _ = Server;
        return Task.CompletedTask;
    }

    /// <summary>Stops the host and deletes its data directory.</summary>
    Task IAsyncLifetime.DisposeAsync() => HostDataDirectory.StopAndDeleteAsync(this, _dataDirectory);
}

/// <summary>A host with introspection switched off.</summary>
public sealed class NoIntrospectionApiFactory : HardenedApiFactory
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Limits => new Dictionary<string, string> { ["Introspection"] = "false" };
}

/// <summary>A host allowing three requests per minute and principal.</summary>
public sealed class RateLimitedApiFactory : HardenedApiFactory
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Limits => new Dictionary<string, string> { ["RequestsPerMinute"] = "3" };
}

/// <summary>A response as a client sees it.</summary>
public sealed record ApiResponse(int Status, HttpResponseMessage Message, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The <c>extensions.code</c> of every error, in order.</summary>
    public IReadOnlyList<string?> ErrorCodes => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("errors", out var errors)
        ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList()
        : [];

    /// <summary>Reads a response.</summary>
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message)
        => new((int)message.StatusCode, message, await message.Content.ReadAsStringAsync());
}

/// <summary>A host allowing three refused credentials per minute and client address.</summary>
public sealed class FailedAuthenticationLimitedApiFactory : HardenedApiFactory
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Limits => new Dictionary<string, string> { ["FailedAuthenticationsPerMinute"] = "3" };
}
