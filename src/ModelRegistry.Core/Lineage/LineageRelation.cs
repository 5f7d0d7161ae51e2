namespace ModelRegistry.Core.Lineage;

/// <summary>How the source of a lineage edge feeds its target.</summary>
public enum LineageRelation
{
    /// <summary>DatasetVersion → ModelVersion.</summary>
    TrainedOn,
    /// <summary>DatasetVersion → ModelVersion.</summary>
    ValidatedOn,
    /// <summary>DatasetVersion → ModelVersion.</summary>
    EvaluatedOn,
    /// <summary>Parent ModelVersion → child ModelVersion.</summary>
    FineTunedFrom,
    /// <summary>Parent ModelVersion → child ModelVersion, or parent DatasetVersion → derived DatasetVersion.</summary>
    DerivedFrom,
    /// <summary>ModelVersion → Deployment.</summary>
    DeployedAs,
    /// <summary>Deployment → ConsumerApplication.</summary>
    ConsumedBy,
}
