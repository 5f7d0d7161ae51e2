namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// What live code needs to know about the SQLite search schema: the FTS5 table <c>SearchIndex</c>, one row per searchable
/// entity, kept in step by triggers inside the writing transaction.
/// </summary>
/// <remarks>
/// The schema itself belongs to the migrations that created it, each holding its SQL literally: AddSearchIndex (the table,
/// the Model, ModelVersion, Dataset and Deployment document views, their triggers and backfill) and
/// IndexConsumerApplicationsAndDatasetVersions (two more kinds). Changing the index means a new migration with its own
/// frozen statements, never an edit here or in an applied migration. A migration that rebuilds Models, ModelVersions,
/// Datasets, Deployments, ConsumerApplications or DatasetVersions (EF does so for some column changes on SQLite) drops
/// their triggers, so it must create them again, copying their statements from those migrations.
/// </remarks>
public static class SearchIndexSql
{
    /// <summary>
    /// The <c>bm25()</c> call ranking <c>SearchIndex</c>: weights follow the columns (Kind, EntityId, Name, Title, Parent,
    /// Tags, Body, Facts; Kind and EntityId count for nothing), so a hit in an entity's own name weighs most, then its
    /// title, tags, owning model, facts, and free text least.
    /// </summary>
    public const string Rank = "bm25(SearchIndex, 0.0, 0.0, 10.0, 6.0, 3.0, 4.0, 1.0, 2.0)";
}
