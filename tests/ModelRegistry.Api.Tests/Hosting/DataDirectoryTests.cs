using System.Net;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hosting;

/// <summary>The host keeps its state where Registry:DataDirectory says and reports itself healthy.</summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class DataDirectoryTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task The_registry_is_stored_as_registry_db_in_the_configured_data_directory()
    {
        await factory.GraphQL().RegisterModelAsync();

        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "registry.db")), $"registry.db is missing from {factory.DataDirectory}");
    }

    [Fact]
    public async Task The_health_probe_answers_200_once_the_database_is_reachable()
    {
        using var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
