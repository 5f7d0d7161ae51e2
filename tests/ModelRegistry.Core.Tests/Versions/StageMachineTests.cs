using ModelRegistry.Core.Common;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Tests.Versions;

public class StageMachineTests
{
    [Theory]
    [InlineData(ModelStage.Development, ModelStage.Staging)]
    [InlineData(ModelStage.Development, ModelStage.Archived)]
    [InlineData(ModelStage.Staging, ModelStage.Production)]
    [InlineData(ModelStage.Staging, ModelStage.Development)]
    [InlineData(ModelStage.Production, ModelStage.Staging)]
    [InlineData(ModelStage.Production, ModelStage.Archived)]
    public void Allowed_transitions_pass(ModelStage from, ModelStage to)
        => Assert.Null(StageMachine.Check(from, to));

    [Theory]
    [InlineData(ModelStage.Development)]
    [InlineData(ModelStage.Staging)]
    [InlineData(ModelStage.Production)]
    [InlineData(ModelStage.Archived)]
    public void A_transition_to_the_current_stage_is_refused_with_INVALID_TRANSITION(ModelStage stage)
        => Assert.Equal(ErrorCodes.InvalidTransition, StageMachine.Check(stage, stage)!.Code);

    [Fact]
    public void Production_cannot_be_reached_without_staging()
    {
        var error = StageMachine.Check(ModelStage.Development, ModelStage.Production);
        Assert.Equal(ErrorCodes.InvalidTransition, error!.Code);
        Assert.Contains("STAGING", error.Message);
    }

    [Theory]
    [InlineData(ModelStage.Development)]
    [InlineData(ModelStage.Staging)]
    [InlineData(ModelStage.Production)]
    public void Leaving_archived_needs_an_explicit_restore(ModelStage to)
    {
        var error = StageMachine.Check(ModelStage.Archived, to);
        Assert.Equal(ErrorCodes.InvalidTransition, error!.Code);
        Assert.Contains("restore", error.Message);
    }
}
