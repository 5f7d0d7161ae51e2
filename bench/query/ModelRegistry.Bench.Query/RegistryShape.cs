namespace ModelRegistry.Bench.Query;

/// <summary>The sizes and id layout of the synthetic registry; ids are dense so the drivers can name nodes without a lookup.</summary>
public static class RegistryShape
{
    /// <summary>Registered models.</summary>
    public const int Models = 10_000;

    /// <summary>Versions per model; 100k versions in all.</summary>
    public const int VersionsPerModel = 10;

    /// <summary>Consecutive models whose versions form one fine-tuning family.</summary>
    public const int ModelsPerFamily = 10;

    /// <summary>Registered datasets.</summary>
    public const int Datasets = 1_000;

    /// <summary>Versions per dataset.</summary>
    public const int VersionsPerDataset = 10;

    /// <summary>Consumer applications.</summary>
    public const int Consumers = 1_000;

    /// <summary>Consumers reading each deployment.</summary>
    public const int ConsumersPerDeployment = 2;

    /// <summary>Every edge kind together.</summary>
    public const int LineageEdges = 1_000_000;

    /// <summary>Metrics per version, by name.</summary>
    public static readonly string[] MetricNames = ["auc", "accuracy", "f1", "precision", "recall"];

    /// <summary>The tag vocabulary; each version carries three distinct tags.</summary>
    public static readonly string[] TagVocabulary =
    [
        "fraud", "churn", "nlp", "vision", "tabular", "ranking", "pii", "gpu", "cpu", "baseline",
        "candidate", "retrained", "distilled", "quantized", "eu", "us", "apac", "batch", "online", "shadow",
    ];

    /// <summary>All versions.</summary>
    public const int Versions = Models * VersionsPerModel;

    /// <summary>All dataset versions.</summary>
    public const int DatasetVersions = Datasets * VersionsPerDataset;

    /// <summary>Versions in one family, chained by FINE_TUNED_FROM in id order.</summary>
    public const int VersionsPerFamily = ModelsPerFamily * VersionsPerModel;

    /// <summary>The id of version <paramref name="number"/> (1-based) of model <paramref name="modelId"/>.</summary>
    public static long VersionId(long modelId, int number) => (modelId - 1) * VersionsPerModel + number;

    /// <summary>The first version of a family: the root of its depth-10 downstream walk.</summary>
    public static long FamilyRootVersionId(int family) => (long)family * VersionsPerFamily + 1;
}
