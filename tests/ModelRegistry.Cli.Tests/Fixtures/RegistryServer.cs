using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ModelRegistry.Cli.Tests.Fixtures;

/// <summary>
/// The real Api on Kestrel at a loopback port, on a SQLite file in a data directory of its own, with a bootstrap admin
/// key, so the CLI talks to it over real HTTP exactly as it would in a pipeline.
/// </summary>
public sealed class RegistryServer : WebApplicationFactory<global::Program>, IAsyncLifetime
{
    /// <summary>The bootstrap admin key, fixed per run.</summary>
    public string AdminKey { get; } = "cli-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>The temporary data directory.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "modelreg-cli-tests", "server-" + Guid.NewGuid().ToString("N"));

    /// <summary>The base URL the server listens on.</summary>
    public string Url { get; private set; } = "";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:DataDirectory", DataDirectory);
        builder.UseSetting("Registry:Auth:BootstrapAdminKey", AdminKey);
    }

    /// <summary>Starts Kestrel; migrations run at start-up, so a broken start fails the fixture.</summary>
    public Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        Url = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return Task.CompletedTask;
    }

    /// <summary>Runs a GraphQL document as the admin and returns <c>data</c>, failing the test on any error.</summary>
    public async Task<JsonElement> AdminGraphQLAsync(string query, object? variables = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        using var response = await http.PostAsJsonAsync("graphql", new { query, variables });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("errors", out var errors))
            throw new InvalidOperationException($"Arrange query failed: {errors}");
        return body.GetProperty("data");
    }

    /// <summary>Registers a dataset with one version, as a training pipeline would have done before pushing a model.</summary>
    public async Task<string> RegisterDatasetVersionAsync(string name, string version)
    {
        var dataset = await AdminGraphQLAsync("mutation($n: String!) { registerDataset(input: { name: $n, owner: \"data\" }) { dataset { id } errors { code } } }",
            new { n = name });
        var datasetId = dataset.GetProperty("registerDataset").GetProperty("dataset").GetProperty("id").GetString();
        var created = await AdminGraphQLAsync(
            "mutation($d: ID!, $v: String!) { createDatasetVersion(input: { datasetId: $d, version: $v }) { datasetVersion { id } errors { code } } }",
            new { d = datasetId, v = version });
        return created.GetProperty("createDatasetVersion").GetProperty("datasetVersion").GetProperty("id").GetString()!;
    }

    /// <summary>Lets PRODUCTION promotions of one model apply without approvals, through the public mutation.</summary>
    public async Task PromoteAtOnceAsync(string model)
    {
        var data = await AdminGraphQLAsync(
            "mutation($s: String!) { setPromotionPolicy(input: { scope: $s, targetStage: PRODUCTION, requiredApprovals: 0 }) { errors { code message } } }",
            new { s = "model:" + model });
        var errors = data.GetProperty("setPromotionPolicy").GetProperty("errors");
        if (errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            throw new InvalidOperationException($"setPromotionPolicy refused: {errors}");
    }

    /// <summary>Stops the server and deletes the data directory.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The directory lives under the temp folder; a file still held open must not fail the run.
        }
    }
}
