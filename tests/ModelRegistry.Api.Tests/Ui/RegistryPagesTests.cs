using System.Net;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Ui;

/// <summary>
/// A Production host whose pages come from a folder the test writes (a shell and one asset), so what is asserted does
/// not depend on whether npm bundled the real pages on this machine.
/// </summary>
public class PagesApiFactory : RegistryApiFactory
{
    /// <summary>The text the test shell carries, to tell it from any other answer.</summary>
    public const string ShellMarker = "registry-pages-test-shell";

    /// <summary>The folder served as the pages; inside the data directory, so it goes with it.</summary>
    public string PagesDirectory => Path.Combine(DataDirectory, "pages");

    /// <summary>Whether the pages are switched on (Registry:Ui:Enabled).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Whether the folder holds the bundle (false: as when npm was unavailable at build time).</summary>
    protected virtual bool Built => true;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        Directory.CreateDirectory(Path.Combine(PagesDirectory, "assets"));
        if (Built)
        {
            File.WriteAllText(Path.Combine(PagesDirectory, "index.html"), $"<!DOCTYPE html><title>{ShellMarker}</title>");
            File.WriteAllText(Path.Combine(PagesDirectory, "assets", "app.js"), "export {};");
        }
        builder.UseSetting("Registry:Ui:Directory", PagesDirectory);
        builder.UseSetting("Registry:Ui:Enabled", Enabled ? "true" : "false");
    }
}

/// <summary>The same host with <c>Registry:Ui:Enabled=false</c>.</summary>
public sealed class DisabledPagesApiFactory : PagesApiFactory
{
    /// <inheritdoc />
    protected override bool Enabled => false;
}

/// <summary>The same host with an empty pages folder, as after a build without npm.</summary>
public sealed class UnbuiltPagesApiFactory : PagesApiFactory
{
    /// <inheritdoc />
    protected override bool Built => false;
}

/// <summary>The registry's pages: the shell at / and every /ui/ deep link, without credentials, under a strict policy.</summary>
public sealed class RegistryPagesTests(PagesApiFactory factory) : IClassFixture<PagesApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/ui")]
    [InlineData("/ui/search?q=toxicity&owner=chem-safety")]
    [InlineData("/ui/models/toxicity-classifier")]
    public async Task The_shell_answers_without_credentials_under_a_strict_content_security_policy(string address)
    {
        using var response = await factory.CreateClient().GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(PagesApiFactory.ShellMarker, await response.Content.ReadAsStringAsync());
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("style-src 'self';", policy);
        Assert.Contains("connect-src 'self' ws://localhost wss://localhost;", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task An_asset_is_served_as_javascript_and_a_missing_one_is_404_not_the_shell()
    {
        var client = factory.CreateClient();

        using var asset = await client.GetAsync("/ui/assets/app.js");
        using var missing = await client.GetAsync("/ui/assets/nothing-here.js");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_host_header_that_is_not_a_plain_host_is_not_echoed_into_the_policy()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Host", "evil.example;script-src *");

        using var response = await factory.CreateClient().SendAsync(request);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("evil", policy);
        Assert.Contains("connect-src 'self';", policy);
    }

    [Fact]
    public async Task A_POST_to_the_pages_is_405_not_a_server_error()
    {
        using var response = await factory.CreateClient().AsAdmin().PostAsync("/ui/models/x", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Opening_the_pages_does_not_open_the_API_to_anonymous_callers()
    {
        var response = await factory.AnonymousGraphQL().SendAsync("{ models(first: 1) { totalCount } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }
}

/// <summary>Registry:Ui:Enabled=false switches the pages off.</summary>
public sealed class DisabledRegistryPagesTests(DisabledPagesApiFactory factory) : IClassFixture<DisabledPagesApiFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/ui/models/toxicity-classifier")]
    [InlineData("/ui/assets/app.js")]
    public async Task Every_page_path_is_404(string address)
    {
        using var response = await factory.CreateClient().AsAdmin().GetAsync(address);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(PagesApiFactory.ShellMarker, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }
}

/// <summary>A build without npm: the API runs and / says the pages are not built.</summary>
public sealed class UnbuiltRegistryPagesTests(UnbuiltPagesApiFactory factory) : IClassFixture<UnbuiltPagesApiFactory>
{
    [Fact]
    public async Task The_root_says_the_pages_are_not_built()
    {
        using var response = await factory.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("The registry's pages are not built", await response.Content.ReadAsStringAsync());
    }
}
