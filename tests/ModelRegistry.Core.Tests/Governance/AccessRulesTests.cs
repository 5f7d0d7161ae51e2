using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Tests.Governance;

/// <summary>The pure pieces of RBAC: the role ladder, scope coverage, grant names and the default promotion policy.</summary>
public sealed class AccessRulesTests
{
    // granted, required, satisfied
    public static TheoryData<Role, Role, bool> Ladder()
    {
        var data = new TheoryData<Role, Role, bool>();
        var satisfied = new Dictionary<Role, Role[]>
        {
            [Role.Viewer] = [Role.Viewer],
            [Role.Contributor] = [Role.Viewer, Role.Contributor],
            [Role.Deployer] = [Role.Viewer, Role.Contributor, Role.Deployer],
            [Role.Approver] = [Role.Viewer, Role.Approver],
            [Role.Auditor] = [Role.Viewer, Role.Auditor],
            [Role.Admin] = Enum.GetValues<Role>(),
        };
        foreach (var granted in Enum.GetValues<Role>())
            foreach (var required in Enum.GetValues<Role>())
                data.Add(granted, required, satisfied[granted].Contains(required));
        return data;
    }

    [Theory]
    [MemberData(nameof(Ladder))]
    public void A_granted_role_satisfies_exactly_the_roles_below_it(Role granted, Role required, bool expected)
        => Assert.Equal(expected, RoleLadder.Satisfies(granted, required));

    [Theory]
    [InlineData("global", true)]
    [InlineData("team:fraud", true)]
    [InlineData("model:detector", true)]
    [InlineData("team:risk", false)]
    [InlineData("model:other", false)]
    [InlineData("team:", false)]
    [InlineData("fraud", false)]
    [InlineData("Global", false)]
    public void A_model_is_covered_by_global_its_team_and_its_name_only(string grantScope, bool covered)
        => Assert.Equal(covered, new AccessScope("fraud", "detector").IsCoveredBy(grantScope));

    [Theory]
    [InlineData("global", true)]
    [InlineData("team:fraud", false)]
    [InlineData("model:detector", false)]
    public void The_registry_as_a_whole_is_covered_by_global_grants_only(string grantScope, bool covered)
        => Assert.Equal(covered, AccessScope.Registry.IsCoveredBy(grantScope));

    [Fact]
    public void A_model_scope_without_its_team_is_not_covered_by_a_team_grant()
        => Assert.False(new AccessScope(null, "detector").IsCoveredBy("team:fraud"));

    [Theory]
    [InlineData("global", true)]
    [InlineData("team:a", true)]
    [InlineData("model:m", true)]
    [InlineData("team:", false)]
    [InlineData("model:", false)]
    [InlineData("group:x", false)]
    [InlineData("", false)]
    public void Grant_scopes_are_global_team_or_model(string scope, bool valid)
        => Assert.Equal(valid, AccessScope.IsValidGrantScope(scope));

    [Fact]
    public void A_principal_holds_its_own_grants_and_those_of_each_group()
    {
        var alice = new RegistryPrincipal("alice", PrincipalKind.User, ["ml-team", "reviewers"], true);

        Assert.Equal(["alice", "group:ml-team", "group:reviewers"], alice.GrantNames);
    }

    [Fact]
    public void Only_principals_the_registry_creates_itself_are_implicit_admins()
    {
        Assert.True(RegistryPrincipal.System.ImplicitAdmin);
        Assert.True(RegistryPrincipal.SystemNamed("seed").ImplicitAdmin);
        Assert.False(RegistryPrincipal.Anonymous.ImplicitAdmin);
        Assert.False(new RegistryPrincipal(AccessOptions.BootstrapAdmin, PrincipalKind.User, [], true).ImplicitAdmin);
    }

    [Theory]
    [InlineData(ModelStage.Development, 0)]
    [InlineData(ModelStage.Staging, 0)]
    [InlineData(ModelStage.Production, 1)]
    [InlineData(ModelStage.Archived, 0)]
    public void By_default_only_production_needs_an_approval(ModelStage stage, int approvals)
    {
        var rule = PromotionPolicy.Defaults(stage);

        Assert.Equal(approvals, rule.RequiredApprovals);
        Assert.False(rule.RequireTrainingData);
        Assert.Null(rule.MetricName);
    }
}
