using System.Net;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>An API key works from creation until revocation, and the registry keeps only its hash.</summary>
public sealed class ApiKeyLifecycleTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    [Fact]
    public async Task A_created_key_acts_as_its_principal_until_revoked_then_gets_401()
    {
        var principal = Unique("svc");
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "ci", principal });
        var service = host.WithKey(created.GetProperty("secret").GetString()!);

        var me = (await service.QueryAsync(Ops.Me)).GetProperty("me");
        await host.Admin.MutateAsync(Ops.RevokeApiKey, new { id = created.GetProperty("apiKey").GetProperty("id").GetString() });
        var after = await service.SendAsync(Ops.Me);

        Assert.Equal(principal, me.GetProperty("name").GetString());
        Assert.Equal("SERVICE", me.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        Assert.Equal("UNAUTHENTICATED", after.FirstErrorCode);
    }

    [Fact]
    public async Task The_stored_row_holds_only_a_hash_and_the_prefix_is_the_keys_second_part()
    {
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "ci", principal = Unique("svc") });
        var secret = created.GetProperty("secret").GetString()!;
        var prefix = created.GetProperty("apiKey").GetProperty("prefix").GetString();

        ApiKey? row = null;
        await host.WithDatabaseAsync(async db => row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == prefix));

        Assert.Equal(secret.Split('_', 3)[1], prefix);
        Assert.Matches("^[0-9a-f]{64}$", row!.SecretHash);
        Assert.NotEqual(secret, row.SecretHash);
        Assert.DoesNotContain(secret.Split('_', 3)[2], row.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Split('_', 3)[2], row.Name + row.Principal + row.Prefix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_is_returned_once_and_never_again()
    {
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "ci", principal = Unique("svc") });
        var id = created.GetProperty("apiKey").GetProperty("id").GetString();

        var revoked = await host.Admin.MutateAsync(Ops.RevokeApiKey, new { id });
        var secretField = await host.Admin.SendAsync("query($id: ID!) { node(id: $id) { ... on ApiKey { secret } } }", new { id });

        Assert.False(string.IsNullOrEmpty(created.GetProperty("secret").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, revoked.GetProperty("apiKey").GetProperty("revokedAt").ValueKind);
        Assert.True(secretField.Body.TryGetProperty("errors", out _), "ApiKey must have no field that reveals the secret.");
    }

    [Fact]
    public async Task A_signed_in_principal_creates_and_revokes_its_own_keys_without_admin()
    {
        var principal = Unique("self");
        var viewer = await host.ClientAsAsync(principal, (Role.Viewer, "team:anything"));

        var created = await viewer.MutateAsync(Ops.CreateApiKey, new { name = "laptop" });
        var second = host.WithKey(created.GetProperty("secret").GetString()!);
        var me = (await second.QueryAsync(Ops.Me)).GetProperty("me");
        await viewer.MutateAsync(Ops.RevokeApiKey, new { id = created.GetProperty("apiKey").GetProperty("id").GetString() });

        Assert.Equal(principal, created.GetProperty("apiKey").GetProperty("principal").GetString());
        Assert.Equal(principal, me.GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.SendAsync(Ops.Me)).Status);
    }

    [Fact]
    public async Task Revoking_a_key_twice_is_refused()
    {
        var id = await host.Admin.ApiKeyAsync(Unique("svc"));
        await host.Admin.MutateAsync(Ops.RevokeApiKey, new { id });

        var (code, _) = await host.Admin.RefusedAsync(Ops.RevokeApiKey, new { id });

        Assert.Equal("VALIDATION_FAILED", code);
    }

    [Fact]
    public async Task An_unknown_key_gets_401()
    {
        var response = await host.WithKey("mr_00000000_not-a-real-secret").SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }
}

/// <summary>In Production, callers without credentials read nothing; with a key they do.</summary>
public sealed class ProductionAccessTests(ProductionGovernanceHost host) : IClassFixture<ProductionGovernanceHost>
{
    [Fact]
    public async Task Anonymous_queries_get_401_in_production()
    {
        var response = await host.Anonymous().SendAsync("{ models(first: 1) { totalCount } }");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Fact]
    public async Task A_key_reads_in_production()
    {
        var data = await host.Admin.QueryAsync("{ models(first: 1) { totalCount } }");

        Assert.Equal(0, data.GetProperty("models").GetProperty("totalCount").GetInt32());
    }
}
