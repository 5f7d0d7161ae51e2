using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ModelRegistry.Api.Tests.Reports;

namespace ModelRegistry.Api.Tests.Jobs;

/// <summary>
/// A browser cannot send X-Api-Key, so /hangfire/sign-in exchanges an ADMIN key for a short-lived cookie that only the
/// dashboard accepts.
/// </summary>
public sealed class DashboardSignInTests(GovernedRegistryFactory factory, ProductionRegistryFactory production)
    : IClassFixture<GovernedRegistryFactory>, IClassFixture<ProductionRegistryFactory>
{
    private const string SignIn = "/hangfire/sign-in";

    [Fact]
    public async Task The_sign_in_page_is_an_html_form_that_posts_an_api_key_as_a_password_field()
    {
        using var response = await Browser().GetAsync(SignIn);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("<form[^>]*method=\"post\"", html);
        Assert.Matches("<input[^>]*type=\"password\"[^>]*name=\"apiKey\"", html);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_is_exchanged_for_a_short_lived_HttpOnly_SameSite_Strict_cookie_scoped_to_the_dashboard()
    {
        using var response = await PostSignInAsync(Browser(), GovernedRegistryFactory.AdminKey);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var attributes = Attributes(cookie);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/hangfire", response.Headers.Location?.OriginalString);
        Assert.Contains("httponly", attributes.Keys);
        Assert.Equal("strict", attributes["samesite"].ToLowerInvariant());
        Assert.Equal("/hangfire", attributes["path"]);
        Assert.InRange(int.Parse(attributes["max-age"], System.Globalization.CultureInfo.InvariantCulture), 60, 3600);
        Assert.DoesNotContain("secure", attributes.Keys);
        Assert.DoesNotContain(GovernedRegistryFactory.AdminKey, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_the_cookie_is_also_Secure()
    {
        var browser = Browser(new Uri("https://localhost"));

        using var response = await PostSignInAsync(browser, GovernedRegistryFactory.AdminKey, origin: "https://localhost");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Contains("secure", Attributes(Assert.Single(response.Headers.GetValues("Set-Cookie"))).Keys);
    }

    [Fact]
    public async Task The_cookie_alone_opens_the_dashboard_and_its_pages()
    {
        var cookie = await SignInAsync(GovernedRegistryFactory.AdminKey);

        using var home = await WithCookie(cookie).GetAsync("/hangfire");
        using var recurring = await WithCookie(cookie).GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Model Registry jobs", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
    }

    [Fact]
    public async Task A_viewer_key_is_refused_with_403_and_gets_no_cookie()
    {
        var key = await factory.KeyWithRoleAsync("sign-in-viewer-" + Guid.NewGuid().ToString("N")[..8], "VIEWER", "global");

        using var response = await PostSignInAsync(Browser(), key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_401_and_gets_no_cookie()
    {
        using var response = await PostSignInAsync(Browser(), "mr_unknown_" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("null")]
    [InlineData(null)]
    public async Task A_sign_in_posted_from_another_origin_or_without_one_is_refused_with_403(string? origin)
    {
        using var response = await PostSignInAsync(Browser(), GovernedRegistryFactory.AdminKey, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_sign_in_from_the_same_origin_named_only_by_its_referer_is_accepted()
    {
        using var request = SignInRequest(GovernedRegistryFactory.AdminKey, origin: null);
        request.Headers.Referrer = new Uri("http://localhost/hangfire/sign-in");

        using var response = await Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_closes_the_dashboard_to_the_cookie_it_was_exchanged_for()
    {
        var (keyId, secret) = await AdminKeyAsync();
        var cookie = await SignInAsync(secret);
        using var before = await WithCookie(cookie).GetAsync("/hangfire");

        await factory.Admin().MutateAsync("mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id } errors { code } } }", new { id = keyId });
        using var after = await WithCookie(cookie).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Revoking_the_admin_grant_closes_the_dashboard_to_the_cookie()
    {
        var principal = "sign-in-admin-" + Guid.NewGuid().ToString("N")[..8];
        var grant = await factory.Admin().MutateAsync("mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleAssignment { id } errors { code } } }",
            new { principal, role = "ADMIN", scope = "global" });
        var created = await factory.Admin().MutateAsync("mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code } } }",
            new { name = "dashboard", principal });
        var cookie = await SignInAsync(created.GetProperty("secret").GetString()!);

        await factory.Admin().MutateAsync("mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { roleAssignment { id } errors { code } } }",
            new { id = grant.GetProperty("roleAssignment").GetProperty("id").GetString() });
        using var after = await WithCookie(cookie).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task A_tampered_cookie_opens_nothing()
    {
        var cookie = await SignInAsync(GovernedRegistryFactory.AdminKey);
        var (name, value) = (cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..]);
        var tampered = $"{name}={(value[5] == 'A' ? 'B' : 'A')}{value[..5]}{value[6..]}";

        using var response = await WithCookie(tampered).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_cookie_is_no_credential_for_the_graphql_endpoint()
    {
        var cookie = await SignInAsync(GovernedRegistryFactory.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { name } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", cookie);

        using var response = await factory.CreateClient().SendAsync(request);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("me");

        Assert.Equal(JsonValueKind.Null, me.ValueKind);
    }

    [Fact]
    public async Task A_browser_without_credentials_is_sent_to_the_sign_in_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SignIn, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task In_production_the_sign_in_page_and_the_exchange_work_without_other_credentials()
    {
        var browser = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var page = await browser.GetAsync(SignIn);
        using var signIn = await PostSignInAsync(browser, GovernedRegistryFactory.AdminKey);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var dashboard = await WithCookie(cookie, production).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private HttpClient Browser(Uri? baseAddress = null) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false, HandleCookies = false, BaseAddress = baseAddress ?? new Uri("http://localhost"),
    });

    private HttpClient WithCookie(string cookie, GovernedRegistryFactory? host = null)
    {
        var client = (host ?? factory).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    // The name=value part of the cookie the exchange sets.
    private async Task<string> SignInAsync(string key)
    {
        using var response = await PostSignInAsync(Browser(), key);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    private async Task<(string Id, string Secret)> AdminKeyAsync()
    {
        var principal = "sign-in-admin-" + Guid.NewGuid().ToString("N")[..8];
        await factory.Admin().MutateAsync("mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleAssignment { id } errors { code } } }",
            new { principal, role = "ADMIN", scope = "global" });
        var created = await factory.Admin().MutateAsync(
            "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } secret errors { code } } }", new { name = "dashboard", principal });
        return (created.GetProperty("apiKey").GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string key, string? origin = "http://localhost")
        => client.SendAsync(SignInRequest(key, origin));

    private static HttpRequestMessage SignInRequest(string key, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SignIn) { Content = new FormUrlEncodedContent([new("apiKey", key)]) };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return request;
    }

    private static Dictionary<string, string> Attributes(string setCookie)
        => setCookie.Split(';').Skip(1).Select(a => a.Trim().Split('=', 2))
            .ToDictionary(a => a[0].ToLowerInvariant(), a => a.Length > 1 ? a[1] : "");
}
