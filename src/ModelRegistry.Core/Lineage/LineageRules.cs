using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Lineage;

/// <summary>Which node kinds each relation may join, as the client contract fixes them.</summary>
public static class LineageRules
{
    private static readonly Dictionary<LineageRelation, (LineageNodeKind Source, LineageNodeKind Target)[]> Pairings = new()
    {
        [LineageRelation.TrainedOn] = [(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion)],
        [LineageRelation.ValidatedOn] = [(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion)],
        [LineageRelation.EvaluatedOn] = [(LineageNodeKind.DatasetVersion, LineageNodeKind.ModelVersion)],
        [LineageRelation.FineTunedFrom] = [(LineageNodeKind.ModelVersion, LineageNodeKind.ModelVersion)],
        // Data is derived too (a cleaned or filtered cut of a raw dataset version); without it data lineage stops at the first dataset.
        [LineageRelation.DerivedFrom] =
            [(LineageNodeKind.ModelVersion, LineageNodeKind.ModelVersion), (LineageNodeKind.DatasetVersion, LineageNodeKind.DatasetVersion)],
        [LineageRelation.DeployedAs] = [(LineageNodeKind.ModelVersion, LineageNodeKind.Deployment)],
        [LineageRelation.ConsumedBy] = [(LineageNodeKind.Deployment, LineageNodeKind.ConsumerApplication)],
    };

    /// <summary>Relations from a dataset version to a model version it fed.</summary>
    public static readonly LineageRelation[] DataToVersion = [LineageRelation.TrainedOn, LineageRelation.ValidatedOn, LineageRelation.EvaluatedOn];

    /// <summary>Checks the pairing and self-loop rules; null when the edge is well formed.</summary>
    public static DomainError? Check(LineageNodeKind sourceKind, long sourceId, LineageNodeKind targetKind, long targetId, LineageRelation relation)
    {
        if (sourceKind == targetKind && sourceId == targetId)
            return DomainError.Invalid("A lineage edge cannot point at its own source.", "targetId");
        var pairs = Pairings[relation];
        if (!pairs.Contains((sourceKind, targetKind)))
        {
            var allowed = string.Join(" or ", pairs.Select(p => $"a {p.Source} (source) to a {p.Target} (target)"));
            return DomainError.Invalid($"{Name(relation)} joins {allowed}, not a {sourceKind} to a {targetKind}.", "relation");
        }
        return null;
    }

    /// <summary>The contract's spelling of a relation (e.g. TRAINED_ON).</summary>
    public static string Name(LineageRelation relation) => relation switch
    {
        LineageRelation.TrainedOn => "TRAINED_ON",
        LineageRelation.ValidatedOn => "VALIDATED_ON",
        LineageRelation.EvaluatedOn => "EVALUATED_ON",
        LineageRelation.FineTunedFrom => "FINE_TUNED_FROM",
        LineageRelation.DerivedFrom => "DERIVED_FROM",
        LineageRelation.DeployedAs => "DEPLOYED_AS",
        _ => "CONSUMED_BY",
    };

    /// <summary>How an edge's end is written in audit payloads, e.g. "DatasetVersion:3".</summary>
    public static string End(LineageNodeKind kind, long id) => $"{kind}:{id}";
}
