namespace ModelRegistry.Core.Lineage;

/// <summary>The kinds of entity a lineage edge may join.</summary>
public enum LineageNodeKind
{
    /// <summary>A model version.</summary>
    ModelVersion,
    /// <summary>A dataset version.</summary>
    DatasetVersion,
    /// <summary>A deployment.</summary>
    Deployment,
    /// <summary>A consuming application.</summary>
    ConsumerApplication,
}
