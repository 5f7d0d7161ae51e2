namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// One row of the search index in rank order: its kind (one of <see cref="SearchKinds"/>), the entity's key, its tier
/// (0 when every word is in the entity's own name, 1 when in its name or title, 2 otherwise) and its bm25 rank (lower is
/// better). (Tier, Rank, Kind, EntityId) is unique, so it is also the keyset position of a page.
/// </summary>
public sealed record SearchHit(string Kind, long EntityId, int Tier, double Rank);

/// <summary>A search hit with its entity loaded (a Model, ModelVersion, Dataset, DatasetVersion, Deployment or ConsumerApplication).</summary>
public sealed record SearchMatch(SearchHit Hit, object Entity);

/// <summary>The kinds of entity the index holds, as stored in its Kind column.</summary>
public static class SearchKinds
{
    /// <summary>A model.</summary>
    public const string Model = "Model";
    /// <summary>A model version.</summary>
    public const string ModelVersion = "ModelVersion";
    /// <summary>A dataset.</summary>
    public const string Dataset = "Dataset";
    /// <summary>A dataset version.</summary>
    public const string DatasetVersion = "DatasetVersion";
    /// <summary>A deployment.</summary>
    public const string Deployment = "Deployment";
    /// <summary>An application consuming deployments.</summary>
    public const string ConsumerApplication = "ConsumerApplication";

    /// <summary>Every kind.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { Model, ModelVersion, Dataset, DatasetVersion, Deployment, ConsumerApplication };
}
