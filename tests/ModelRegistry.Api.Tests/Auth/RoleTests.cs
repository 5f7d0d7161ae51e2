using System.Net;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Auth;

/// <summary>API keys of principals other than the bootstrap admin: they act as that principal, with its roles only.</summary>
public sealed class RoleTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private readonly GraphQLClient admin = factory.GraphQL();

    [Fact]
    public async Task A_key_without_a_role_is_refused_writes_with_FORBIDDEN_and_writes_nothing()
    {
        var (_, secret) = await admin.CreateApiKeyAsync(RegistryArrange.UniqueName("no-role"));
        var eventsBefore = (await factory.AuditEventsAsync()).Count;

        var error = await factory.GraphQL(secret).MutateExpectingErrorAsync(Operations.RegisterModel,
            new { name = RegistryArrange.UniqueName("forbidden"), task = "CLASSIFICATION", owner = "test-team" });

        Assert.Equal("FORBIDDEN", error.Code);
        Assert.Equal(eventsBefore, (await factory.AuditEventsAsync()).Count);
    }

    [Fact]
    public async Task A_CONTRIBUTOR_key_writes_as_its_principal()
    {
        var principal = RegistryArrange.UniqueName("contributor");
        var (_, secret) = await admin.CreateApiKeyAsync(principal);
        await admin.GrantRoleAsync(principal, "CONTRIBUTOR");

        var payload = await factory.GraphQL(secret).MutateAsync(Operations.RegisterModel,
            new { name = RegistryArrange.UniqueName("contributed"), task = "CLASSIFICATION", owner = "test-team" });

        Assert.Equal(principal, payload.GetProperty("model").GetProperty("createdBy").GetString());
    }

    [Fact]
    public async Task A_revoked_key_gets_401_with_UNAUTHENTICATED()
    {
        var (id, secret) = await admin.CreateApiKeyAsync(RegistryArrange.UniqueName("revoked"));
        await admin.MutateAsync("mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } errors { __typename code message field } } }", new { id });

        var response = await factory.GraphQL(secret).SendAsync("{ __typename }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }
}
