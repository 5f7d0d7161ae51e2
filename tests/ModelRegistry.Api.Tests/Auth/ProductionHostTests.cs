using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Auth;

/// <summary>The Api host in the Production environment, where anonymous callers may not even read.</summary>
public sealed class ProductionRegistryApiFactory : RegistryApiFactory
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>What callers with and without credentials get from a Production host.</summary>
public sealed class ProductionHostTests(ProductionRegistryApiFactory factory) : IClassFixture<ProductionRegistryApiFactory>
{
    [Fact]
    public async Task An_anonymous_POST_to_graphql_gets_401_with_UNAUTHENTICATED()
    {
        var response = await factory.AnonymousGraphQL().SendAsync("{ models(first: 1) { totalCount } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
        Assert.False(response.Root.TryGetProperty("data", out _), $"A refused request must not carry data: {response.Body}");
    }

    [Fact]
    public async Task An_anonymous_mutation_gets_401_and_writes_nothing()
    {
        var eventsBefore = (await factory.AuditEventsAsync()).Count;

        var response = await factory.AnonymousGraphQL().SendAsync(Operations.RegisterModel,
            new { input = new { name = RegistryArrange.UniqueName("anon"), task = "CLASSIFICATION", owner = "test-team" } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(eventsBefore, (await factory.AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task The_bootstrap_admin_key_reads_and_writes()
    {
        var client = factory.GraphQL();
        var name = RegistryArrange.UniqueName("prod");
        await client.RegisterModelAsync(name);

        var data = await client.QueryAsync("query($name: String!) { model(name: $name) { createdBy } }", new { name });

        Assert.Equal(TestCredentials.AdminPrincipal, data.GetProperty("model").GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task The_health_probe_answers_200_without_credentials()
    {
        using var response = await factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Loading_the_IDE_page_without_credentials_is_not_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, GraphQLClient.Path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.IsSuccessStatusCode, $"GET {GraphQLClient.Path} as a page answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_GET_query_without_credentials_gets_401()
    {
        using var response = await factory.CreateClient().GetAsync(GraphQLClient.Path + "?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
