using ModelRegistry.Core.Common;
using ModelRegistry.Core.Lineage;

namespace ModelRegistry.Core.Tests.Lineage;

public class LineageRulesTests
{
    [Theory]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion, LineageRelation.TrainedOn)]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion, LineageRelation.EvaluatedOn)]
    [InlineData(LineageNodeKind.ModelVersion, LineageNodeKind.ModelVersion, LineageRelation.FineTunedFrom)]
    [InlineData(LineageNodeKind.ModelVersion, LineageNodeKind.Deployment, LineageRelation.DeployedAs)]
    [InlineData(LineageNodeKind.Deployment, LineageNodeKind.ConsumerApplication, LineageRelation.ConsumedBy)]
    [InlineData(LineageNodeKind.ModelVersion, LineageNodeKind.ModelVersion, LineageRelation.DerivedFrom)]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.DatasetVersion, LineageRelation.DerivedFrom)]
    public void Contract_pairings_are_accepted(LineageNodeKind source, LineageNodeKind target, LineageRelation relation)
        => Assert.Null(LineageRules.Check(source, 1, target, 2, relation));

    [Theory]
    [InlineData(LineageNodeKind.ModelVersion, LineageNodeKind.DatasetVersion, LineageRelation.TrainedOn)]
    [InlineData(LineageNodeKind.Deployment, LineageNodeKind.ModelVersion, LineageRelation.DeployedAs)]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.Deployment, LineageRelation.ConsumedBy)]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion, LineageRelation.DerivedFrom)]
    [InlineData(LineageNodeKind.DatasetVersion, LineageNodeKind.DatasetVersion, LineageRelation.FineTunedFrom)]
    public void Wrong_pairings_are_refused_with_VALIDATION_FAILED(LineageNodeKind source, LineageNodeKind target, LineageRelation relation)
        => Assert.Equal(ErrorCodes.ValidationFailed, LineageRules.Check(source, 1, target, 2, relation)!.Code);

    [Fact]
    public void A_self_loop_is_refused()
        => Assert.Equal(ErrorCodes.ValidationFailed,
            LineageRules.Check(LineageNodeKind.ModelVersion, 5, LineageNodeKind.ModelVersion, 5, LineageRelation.DerivedFrom)!.Code);
}
