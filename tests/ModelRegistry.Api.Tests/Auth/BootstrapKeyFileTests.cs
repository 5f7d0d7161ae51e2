using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Auth;

/// <summary>
/// A Production host that reads its bootstrap admin key from a file, as a Docker or Kubernetes secret mounts it
/// (<c>Registry:Auth:BootstrapAdminKeyFile</c>), with the trailing newline such files usually end with.
/// </summary>
public sealed class KeyFileRegistryApiFactory : RegistryApiFactory
{
    /// <summary>The key written to the file.</summary>
    public const string Key = "key-from-a-mounted-secret";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var file = Path.Combine(DataDirectory, "bootstrap-admin-key");
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(file, Key + "\n");
        builder.UseEnvironment("Production");
        builder.UseSetting("Registry:Auth:BootstrapAdminKey", "");
        builder.UseSetting("Registry:Auth:BootstrapAdminKeyFile", file);
    }
}

/// <summary>The bootstrap admin key can come from a secret file instead of an environment variable.</summary>
public sealed class BootstrapKeyFileTests(KeyFileRegistryApiFactory factory) : IClassFixture<KeyFileRegistryApiFactory>
{
    [Fact]
    public async Task The_key_read_from_the_file_acts_as_the_bootstrap_admin_in_production()
    {
        var client = factory.GraphQL(KeyFileRegistryApiFactory.Key);

        var me = (await client.QueryAsync("{ me { name } }")).GetProperty("me");
        await client.RegisterModelAsync();

        Assert.Equal(TestCredentials.AdminPrincipal, me.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("both")]
    public void A_key_file_that_is_missing_or_empty_or_set_beside_the_key_stops_start_up_naming_the_setting(string problem)
    {
        var directory = Path.Combine(Path.GetTempPath(), "model-registry-key-file-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "bootstrap-admin-key");
        if (problem == "empty")
            File.WriteAllText(file, "\n");
        if (problem == "both")
            File.WriteAllText(file, "from-the-file");
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Registry:DataDirectory", directory);
        builder.UseTestDatabase(directory);
            builder.UseSetting("Registry:Auth:BootstrapAdminKey", problem == "both" ? "from-the-variable" : "");
            builder.UseSetting("Registry:Auth:BootstrapAdminKeyFile", file);
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Registry:Auth:BootstrapAdminKeyFile", failure.ToString(), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
