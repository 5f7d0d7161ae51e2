using System.Net;
using System.Security.Cryptography;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>People sign in with HS256 bearer tokens: sub names them, groups carry group grants, bad tokens get 401.</summary>
public sealed class JwtBearerTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    [Fact]
    public async Task A_valid_token_names_the_user_and_their_groups()
    {
        var alice = host.WithBearer(GovernanceHost.Token("alice", ["ml-team"]));

        var me = (await alice.QueryAsync(Ops.Me)).GetProperty("me");

        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal("USER", me.GetProperty("kind").GetString());
        Assert.Equal(["ml-team"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task A_grant_to_a_group_applies_to_its_members()
    {
        var group = Unique("group");
        var team = Unique("team");
        var alice = host.WithBearer(GovernanceHost.Token("alice", [group]));
        var input = new { name = Unique("model"), owner = team, task = "CLASSIFICATION" };
        var (before, _) = await alice.RefusedAsync(Ops.RegisterModel, input);

        await host.Admin.GrantAsync("group:" + group, "CONTRIBUTOR", "team:" + team);
        var registered = await alice.MutateAsync(Ops.RegisterModel, input);
        var me = (await alice.QueryAsync(Ops.Me)).GetProperty("me");

        Assert.Equal("FORBIDDEN", before);
        Assert.Equal(team, registered.GetProperty("model").GetProperty("owner").GetString());
        Assert.Contains(me.GetProperty("roles").EnumerateArray(),
            r => r.GetProperty("principal").GetString() == "group:" + group && r.GetProperty("role").GetString() == "CONTRIBUTOR");
    }

    [Fact]
    public async Task A_grant_to_a_group_does_not_apply_to_a_user_outside_it()
    {
        var group = Unique("group");
        var team = Unique("team");
        await host.Admin.GrantAsync("group:" + group, "CONTRIBUTOR", "team:" + team);
        var bob = host.WithBearer(GovernanceHost.Token("bob", ["other-group"]));

        var (code, _) = await bob.RefusedAsync(Ops.RegisterModel, new { name = Unique("model"), owner = team, task = "CLASSIFICATION" });

        Assert.Equal("FORBIDDEN", code);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var expired = host.WithBearer(GovernanceHost.Token("alice", ["ml-team"], expires: DateTime.UtcNow.AddHours(-1)));

        var response = await expired.SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_401()
    {
        var foreign = host.WithBearer(GovernanceHost.Token("alice", ["ml-team"], audience: "another-service"));

        var response = await foreign.SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused_with_401()
    {
        var forged = host.WithBearer(GovernanceHost.Token("alice", ["ml-team"], signingKey: RandomNumberGenerator.GetBytes(32)));

        var response = await forged.SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("expired")]
    [InlineData("signature")]
    [InlineData("malformed")]
    [InlineData("no subject")]
    [InlineData("blank subject")]
    [InlineData("reserved subject")]
    [InlineData("reserved subject, other case")]
    public async Task A_refused_token_gets_a_generic_invalid_token_answer_that_echoes_no_validation_detail(string flaw)
    {
        var token = flaw switch
        {
            "audience" => GovernanceHost.Token("alice", [], audience: "another-service"),
            "expired" => GovernanceHost.Token("alice", [], expires: DateTime.UtcNow.AddHours(-1)),
            "signature" => GovernanceHost.Token("alice", [], signingKey: RandomNumberGenerator.GetBytes(32)),
            "no subject" => GovernanceHost.Token(null, ["ml-team"]),
            "blank subject" => GovernanceHost.Token("  ", ["ml-team"]),
            "reserved subject" => GovernanceHost.Token("bootstrap-admin", []),
            "reserved subject, other case" => GovernanceHost.Token("Bootstrap-Admin", []),
            _ => "not.a.token",
        };

        var response = await host.WithBearer(token).SendAsync(Ops.Me);
        var error = response.Body.GetProperty("errors")[0];

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("The bearer token is not valid.", error.GetProperty("message").GetString());
        Assert.Equal("INVALID_TOKEN", error.GetProperty("extensions").GetProperty("reason").GetString());
        Assert.DoesNotContain("IDX", response.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GovernanceHost.Issuer, response.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_key_cannot_be_made_to_act_as_the_bootstrap_admin()
    {
        var (code, _) = await host.Admin.RefusedAsync(Ops.CreateApiKey, new { name = "impostor", principal = "bootstrap-admin" });

        Assert.Equal("VALIDATION_FAILED", code);
    }

    [Fact]
    public async Task A_revoked_group_grant_stops_applying()
    {
        var group = Unique("group");
        var team = Unique("team");
        var grant = await host.Admin.GrantAsync("group:" + group, "CONTRIBUTOR", "team:" + team);
        var alice = host.WithBearer(GovernanceHost.Token("alice", [group]));
        await alice.MutateAsync(Ops.RegisterModel, new { name = Unique("model"), owner = team, task = "CLASSIFICATION" });

        await host.Admin.MutateAsync(Ops.RevokeRole, new { id = grant });
        var (code, _) = await alice.RefusedAsync(Ops.RegisterModel, new { name = Unique("model"), owner = team, task = "CLASSIFICATION" });

        Assert.Equal("FORBIDDEN", code);
    }

    [Fact]
    public async Task Without_credentials_me_is_null_in_development()
    {
        var me = await host.Anonymous().QueryAsync(Ops.Me);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("me").ValueKind);
    }

    [Fact]
    public async Task A_token_whose_subject_spells_a_group_does_not_inherit_that_groups_grants()
    {
        var group = Unique("group");
        var team = Unique("team");
        await host.Admin.GrantAsync("group:" + group, "CONTRIBUTOR", "team:" + team);
        var spoof = host.WithBearer(GovernanceHost.Token("group:" + group, []));

        var (code, _) = await spoof.RefusedAsync(Ops.RegisterModel, new { name = Unique("model"), owner = team, task = "CLASSIFICATION" });

        Assert.Equal("FORBIDDEN", code);
    }
}
