using Microsoft.AspNetCore.Hosting;

namespace ModelRegistry.Api.Tests.Fixtures;

/// <summary>The bootstrap admin key every test host is started with, and the principal it acts as.</summary>
public static class TestCredentials
{
    /// <summary>The request header that carries an API key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The principal the bootstrap admin key acts as; audit events and createdBy fields name it.</summary>
    public const string AdminPrincipal = "bootstrap-admin";

    /// <summary>A key fixed per test run, so no test depends on a value written in a config file.</summary>
    public static string AdminKey { get; } = "test-admin-" + Guid.NewGuid().ToString("N");

    /// <summary>Configures the host to accept <see cref="AdminKey"/> as the bootstrap admin key.</summary>
    public static IWebHostBuilder UseBootstrapAdminKey(this IWebHostBuilder builder)
        => builder.UseSetting("Registry:Auth:BootstrapAdminKey", AdminKey);

    /// <summary>Makes every request of <paramref name="http"/> carry the admin key; returns the same client.</summary>
    public static HttpClient AsAdmin(this HttpClient http)
    {
        http.DefaultRequestHeaders.Add(Header, AdminKey);
        return http;
    }
}
