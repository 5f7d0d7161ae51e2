namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// One row of the search index in rank order: its kind ("Model", "ModelVersion", "Dataset", "Deployment"), the entity's
/// key and its bm25 rank (lower is better). (Rank, Kind, EntityId) is unique, so it is also the keyset position of a page.
/// </summary>
public sealed record SearchHit(string Kind, long EntityId, double Rank);

/// <summary>A search hit with its entity loaded (a Model, ModelVersion, Dataset or Deployment).</summary>
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
    /// <summary>A deployment.</summary>
    public const string Deployment = "Deployment";
}
