using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Querying;

/// <summary>
/// The API on a registry of its own in a temporary folder, seeded once through the public mutations with the
/// <see cref="QueryingCatalogue"/>, and with every SQL command counted.
/// </summary>
public sealed class QueryingRegistry : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "registry-querying-" + Guid.NewGuid().ToString("N"));

    /// <summary>Counts the commands of every request.</summary>
    public SqlCommandCounter Sql { get; } = new();

    /// <summary>What the seed created, as the tests compute expectations from it.</summary>
    public QueryingCatalogue Catalogue { get; private set; } = null!;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:DataDirectory", _dataDirectory);
        builder.UseTestDatabase(_dataDirectory);
        // The catalogue is seeded with wide batched mutations (one alias per model); the shape limits are not under test here.
        builder.UseSetting("Registry:Limits:MaxRootFields", "0");
        builder.UseSetting("Registry:Limits:MaxAliases", "0");
        builder.UseSetting("Registry:Limits:MaxSelectionsPerSet", "0");
        builder.UseSetting("Registry:Limits:MaxExpandedFields", "0");
        builder.UseSetting("Registry:Limits:RequestsPerMinute", "0");
        // Each seeding mutation writes hundreds of rows in one operation; on a busy machine that can pass the 30 s guard.
        builder.UseSetting("Registry:Limits:ExecutionTimeoutSeconds", "300");
        builder.UseBootstrapAdminKey();
        builder.ConfigureServices(services => services.ConfigureDbContext<RegistryDbContext>(o => o.AddInterceptors(Sql))
            .ConfigureDbContext<ModelRegistry.Infrastructure.Postgres.PostgresRegistryDbContext>(o => o.AddInterceptors(Sql)));
    }

    /// <summary>Lets PRODUCTION promotions apply at once (the catalogue is about querying, not approvals) and seeds the catalogue.</summary>
    public async Task InitializeAsync()
    {
        _ = Server;
        await ImmediatePromotionPolicy.ApplyAsync(Services);
        Catalogue = await QueryingCatalogue.SeedAsync(this);
    }

    /// <summary>Stops the host and deletes the data folder.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(_dataDirectory);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the WAL file for a moment; the folder is in the temp directory anyway.
        }
    }

    /// <summary>Posts a GraphQL request as the bootstrap admin and returns the response, which must not be a server error.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null)
    {
        using var client = CreateClient().AsAdmin();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"HTTP {(int)response.StatusCode}: {text}");
        return new GraphQLResponse(response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Posts a request that must succeed without errors, and returns its data.</summary>
    public async Task<JsonObject> QueryAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        Assert.True(response.Errors.Count == 0, $"Unexpected errors: {response.Body.ToJsonString()}");
        return response.Body["data"]!.AsObject();
    }
}

/// <summary>A GraphQL response: the HTTP status and the JSON body.</summary>
public sealed record GraphQLResponse(HttpStatusCode Status, JsonObject Body)
{
    /// <summary>The <c>errors</c> entries (empty when none).</summary>
    public IReadOnlyList<JsonNode> Errors => Body["errors"]?.AsArray().Select(e => e!).ToList() ?? [];

    /// <summary>The <c>extensions.code</c> of every error.</summary>
    public IReadOnlyList<string?> ErrorCodes => Errors.Select(e => e["extensions"]?["code"]?.GetValue<string>()).ToList();

    /// <summary>The body as indented text, for assertion messages.</summary>
    public override string ToString() => Body.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>The collection every querying test class shares, so command counts are never interleaved.</summary>
[CollectionDefinition(Name)]
public sealed class QueryingCollection : ICollectionFixture<QueryingRegistry>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Querying";
}
