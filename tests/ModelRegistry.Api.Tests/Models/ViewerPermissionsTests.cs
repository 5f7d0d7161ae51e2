using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Reports;

namespace ModelRegistry.Api.Tests.Models;

/// <summary><c>Model.viewerCan</c>: the role checks of the mutations, answered for the caller, so pages show only usable controls.</summary>
public sealed class ViewerPermissionsTests(GovernedRegistryFactory factory) : IClassFixture<GovernedRegistryFactory>
{
    private const string Permissions = "query { model(name: \"toxicity-classifier\") { viewerCan { edit requestPromotion decidePromotions setAlias deploy administer } } }";

    private async Task<Dictionary<string, bool>> PermissionsAsync(GraphQLClient client)
    {
        var data = await client.QueryAsync(Permissions);
        return data.GetProperty("model").GetProperty("viewerCan").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean());
    }

    private async Task<GraphQLClient> WithRoleAsync(string principal, string role, string scope)
        => new(factory.ClientWithKey(await factory.KeyWithRoleAsync(principal, role, scope)));

    [Fact]
    public async Task The_admin_may_do_everything()
    {
        var can = await PermissionsAsync(factory.Admin());

        Assert.All(can.Values, Assert.True);
        Assert.Equal(6, can.Count);
    }

    [Fact]
    public async Task A_viewer_may_do_nothing()
    {
        var can = await PermissionsAsync(await WithRoleAsync("perm-viewer", "VIEWER", "model:toxicity-classifier"));

        Assert.All(can.Values, Assert.False);
    }

    [Fact]
    public async Task A_team_approver_may_decide_promotions_and_nothing_else()
    {
        var can = await PermissionsAsync(await WithRoleAsync("perm-approver", "APPROVER", "team:chem-safety"));

        Assert.Equal(["decidePromotions"], can.Where(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public async Task A_deployer_may_edit_request_set_aliases_and_deploy_but_not_decide()
    {
        var can = await PermissionsAsync(await WithRoleAsync("perm-deployer", "DEPLOYER", "model:toxicity-classifier"));

        Assert.Equal(["edit", "requestPromotion", "setAlias", "deploy"], can.Where(p => p.Value).Select(p => p.Key));
    }

    [Fact]
    public async Task A_contributor_on_another_model_gets_nothing_on_this_one()
    {
        var client = await WithRoleAsync("perm-other", "CONTRIBUTOR", "model:churn-predictor");

        var mine = await client.QueryAsync("query { model(name: \"churn-predictor\") { viewerCan { edit requestPromotion setAlias } } }");
        var theirs = await client.QueryAsync(Permissions);

        Assert.True(mine.GetProperty("model").GetProperty("viewerCan").GetProperty("edit").GetBoolean());
        Assert.True(mine.GetProperty("model").GetProperty("viewerCan").GetProperty("requestPromotion").GetBoolean());
        Assert.False(mine.GetProperty("model").GetProperty("viewerCan").GetProperty("setAlias").GetBoolean());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("model").ValueKind);
    }
}
