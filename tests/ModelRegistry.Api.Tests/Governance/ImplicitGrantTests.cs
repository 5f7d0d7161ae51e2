using System.Text.Json;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary><c>me { roles }</c> shows every grant the caller acts on, the configured bootstrap admin's implicit one included.</summary>
public sealed class ImplicitGrantTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string Me = "{ me { name roles { id principal role scope implicit grantedBy revokedAt } } }";

    [Fact]
    public async Task The_bootstrap_admin_sees_its_implicit_global_ADMIN_grant()
    {
        var roles = (await host.Admin.QueryAsync(Me)).GetProperty("me").GetProperty("roles");

        var grant = Assert.Single(roles.EnumerateArray(), r => r.GetProperty("implicit").GetBoolean());
        Assert.Equal(("bootstrap-admin", "ADMIN", "global"),
            (grant.GetProperty("principal").GetString(), grant.GetProperty("role").GetString(), grant.GetProperty("scope").GetString()));
        Assert.Equal("configuration", grant.GetProperty("grantedBy").GetString());
        Assert.Equal(JsonValueKind.Null, grant.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Stored_grants_are_listed_as_explicit_and_a_key_without_implicit_rights_shows_none()
    {
        var team = Unique("team");
        var viewer = await host.ClientAsAsync(Unique("viewer"), (Role.Viewer, "team:" + team));

        var roles = (await viewer.QueryAsync(Me)).GetProperty("me").GetProperty("roles").EnumerateArray().ToList();

        var grant = Assert.Single(roles);
        Assert.False(grant.GetProperty("implicit").GetBoolean());
        Assert.Equal(("VIEWER", "team:" + team), (grant.GetProperty("role").GetString(), grant.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task The_implicit_grant_cannot_be_revoked_and_its_id_is_no_stored_assignment()
    {
        var roles = (await host.Admin.QueryAsync(Me)).GetProperty("me").GetProperty("roles");
        var id = Assert.Single(roles.EnumerateArray(), r => r.GetProperty("implicit").GetBoolean()).GetProperty("id").GetString();

        var (code, _) = await host.Admin.RefusedAsync(Ops.RevokeRole, new { id });
        var node = await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { id } }", new { id });

        Assert.Equal("NOT_FOUND", code);
        Assert.Equal(JsonValueKind.Null, node.GetProperty("node").ValueKind);
    }
}
