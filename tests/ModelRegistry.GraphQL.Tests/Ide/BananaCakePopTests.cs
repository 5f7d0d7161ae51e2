using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.Ide;

/// <summary>Hosting of the Banana Cake Pop IDE next to the API.</summary>
public sealed class BananaCakePopTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("bcp-").FullName;

    public BananaCakePopTests()
    {
        File.WriteAllText(Path.Combine(directory, "index.html"), "<!DOCTYPE html><title>bcp</title>");
        Directory.CreateDirectory(Path.Combine(directory, "static", "js"));
        File.WriteAllText(Path.Combine(directory, "static", "js", "main.js"), "console.log(1);");
    }

    [Fact]
    public async Task Browser_opening_the_endpoint_is_redirected_301_to_the_trailing_slash()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var response = await http.SendAsync(Html("/graphql"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/graphql/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Trailing_slash_serves_the_ide_index_page()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Html("/graphql/"));

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("<!DOCTYPE html><title>bcp</title>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bcp_config_carries_the_configured_title_endpoint_and_no_telemetry()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var config = JsonDocument.Parse(await http.GetStringAsync("/graphql/bcp-config.json"));

        var root = config.RootElement;
        Assert.Equal("Model Registry", root.GetProperty("title").GetString());
        Assert.Equal("/graphql", root.GetProperty("endpoint").GetString());
        Assert.True(root.GetProperty("useBrowserUrlAsEndpoint").GetBoolean());
        Assert.True(root.GetProperty("disableTelemetry").GetBoolean());
    }

    [Fact]
    public async Task Static_asset_is_served_with_its_content_type()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.GetAsync("/graphql/static/js/main.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_ide_folder_answers_a_not_installed_page_and_the_api_still_answers()
    {
        await using var host = await StartAsync(Path.Combine(directory, "absent"));
        using var http = new HttpClient { BaseAddress = host.Address };

        using var page = await http.SendAsync(Html("/graphql/"));
        using var api = await http.PostAsync("/graphql", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("not installed", await page.Content.ReadAsStringAsync());
        Assert.Equal(TransportHost.PassedThrough, await api.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ide_installed_after_start_up_is_served_without_a_restart()
    {
        var later = Path.Combine(directory, "later");
        await using var host = await StartAsync(later);
        using var http = new HttpClient { BaseAddress = host.Address };
        using var before = await http.SendAsync(Html("/graphql/"));

        Directory.CreateDirectory(later);
        File.WriteAllText(Path.Combine(later, "index.html"), "installed");
        using var after = await http.SendAsync(Html("/graphql/"));

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("installed", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_requests_at_the_endpoint_pass_through()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var post = await http.PostAsync("/graphql/", new StringContent("{}"));
        using var get = await http.GetAsync("/graphql?query=%7Bhello%7D");

        Assert.Equal(TransportHost.PassedThrough, await post.Content.ReadAsStringAsync());
        Assert.Equal(TransportHost.PassedThrough, await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disabled_ide_serves_nothing()
    {
        await using var host = await TransportHost.StartAsync(s => s.Ide.Directory = directory);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var response = await http.SendAsync(Html("/graphql"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TransportHost.PassedThrough, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private Task<TransportHost> StartAsync(string? folder = null) => TransportHost.StartAsync(s =>
    {
        s.Ide.Enabled = true;
        s.Ide.Directory = folder ?? directory;
        s.Ide.Title = "Model Registry";
    });

    private static HttpRequestMessage Html(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }
}
