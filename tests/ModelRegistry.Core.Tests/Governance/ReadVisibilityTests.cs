using ModelRegistry.Core.Governance;

namespace ModelRegistry.Core.Tests.Governance;

/// <summary>Whether one read visibility includes another: what decides that a socket's subscriptions must end.</summary>
public sealed class ReadVisibilityTests
{
    private static readonly ReadVisibility TeamA = new(false, ["a"], []);
    private static readonly ReadVisibility TeamAAndModelX = new(false, ["a"], ["x"]);

    [Fact]
    public void Losing_a_model_grant_narrows_and_gaining_one_does_not()
    {
        Assert.False(TeamA.Includes(TeamAAndModelX));
        Assert.True(TeamAAndModelX.Includes(TeamA));
    }

    [Fact]
    public void Losing_every_grant_narrows_and_reading_nothing_is_included_in_anything()
    {
        Assert.False(ReadVisibility.None.Includes(TeamA));
        Assert.True(TeamA.Includes(ReadVisibility.None));
    }

    [Fact]
    public void Reading_all_models_includes_any_team_but_not_the_administration_rows()
    {
        Assert.True(ReadVisibility.AllModels.Includes(TeamAAndModelX));
        Assert.False(ReadVisibility.AllModels.Includes(ReadVisibility.Everything));
        Assert.True(ReadVisibility.Everything.Includes(ReadVisibility.AllModels));
        Assert.False(TeamAAndModelX.Includes(ReadVisibility.AllModels));
    }
}
