namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// The SQLite schema of full-text search: the FTS5 table <c>SearchIndex</c>, one view per searchable kind that says what
/// text a row contributes, and triggers that keep the index in step inside the writing transaction.
/// </summary>
/// <remarks>
/// Migrations replay these statements, so they describe the index as the AddSearchIndex migration created it; a later change
/// belongs in new statements and a new migration (IndexConsumerApplicationsAndDatasetVersions added two kinds that way,
/// with their SQL frozen in the migration). A migration that rebuilds Models, ModelVersions, Datasets or Deployments
/// (EF does so for some column changes on SQLite) drops their triggers and must run <see cref="CreateTriggers"/> again.
/// </remarks>
public static class SearchIndexSql
{
    /// <summary>
    /// One row per searchable entity. The rowid is <c>entity id * 4 + kind code</c> (Model 0, ModelVersion 1, Dataset 2,
    /// Deployment 3), so triggers find a row by key instead of scanning the unindexed Kind and EntityId columns.
    /// </summary>
    /// <remarks>
    /// Tokenizer: unicode61 keeps only letters, numbers and private-use characters in tokens; no tokenchars are added, so the
    /// '-', '_' and '.' that join words in registry names, and the ':' and '/' of endpoints, split words:
    /// "toxicity-classifier" is found by "toxicity" and by "classifier". remove_diacritics 2 lets "modele" find "modèle".
    /// </remarks>
    public const string CreateTable = """
        CREATE VIRTUAL TABLE SearchIndex USING fts5(
            Kind UNINDEXED,
            EntityId UNINDEXED,
            Name,
            Title,
            Parent,
            Tags,
            Body,
            Facts,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """;

    /// <summary>
    /// The <c>bm25()</c> call ranking <c>SearchIndex</c>: weights follow the columns (Kind and EntityId count for nothing),
    /// so a hit in an entity's own name weighs most, then its title, tags, owning model, facts, and free text least.
    /// </summary>
    public const string Rank = "bm25(SearchIndex, 0.0, 0.0, 10.0, 6.0, 3.0, 4.0, 1.0, 2.0)";

    private const string IndexColumns = "rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts";
    private const string DocumentColumns = "DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts";

    private static readonly SearchableTable[] Tables =
    [
        new("Models", "ModelSearchDocuments", 0, "Name, DisplayName, Description, Tags, BusinessContext, Owner"),
        new("ModelVersions", "ModelVersionSearchDocuments", 1, "ModelId, Number, Description, Framework, Tags"),
        new("Datasets", "DatasetSearchDocuments", 2, "Name, Description, Owner"),
        new("Deployments", "DeploymentSearchDocuments", 3, "ModelVersionId, Environment, Endpoint, Platform"),
    ];

    /// <summary>
    /// Views giving each kind's document. Versions and deployments carry their model's name (Parent) and their version label
    /// "v{number}" (Title), so "toxicity v2" finds version 2 of toxicity-classifier and its deployments.
    /// </summary>
    public static IReadOnlyList<string> CreateViews { get; } =
    [
        $"""
        CREATE VIEW ModelSearchDocuments AS
        SELECT m.Id * 4 AS DocumentId, 'Model' AS Kind, m.Id AS EntityId,
               m.Name AS Name, m.DisplayName AS Title, NULL AS Parent, {TagWords("m.Tags")} AS Tags,
               trim(coalesce(m.Description, '') || ' ' || coalesce(m.BusinessContext, '')) AS Body,
               m.Owner AS Facts
        FROM Models m;
        """,
        $"""
        CREATE VIEW ModelVersionSearchDocuments AS
        SELECT v.Id * 4 + 1 AS DocumentId, 'ModelVersion' AS Kind, v.Id AS EntityId,
               NULL AS Name, 'v' || v.Number AS Title, trim(m.Name || ' ' || coalesce(m.DisplayName, '')) AS Parent,
               {TagWords("v.Tags")} AS Tags, v.Description AS Body, v.Framework AS Facts
        FROM ModelVersions v JOIN Models m ON m.Id = v.ModelId;
        """,
        """
        CREATE VIEW DatasetSearchDocuments AS
        SELECT d.Id * 4 + 2 AS DocumentId, 'Dataset' AS Kind, d.Id AS EntityId,
               d.Name AS Name, NULL AS Title, NULL AS Parent, NULL AS Tags, d.Description AS Body, d.Owner AS Facts
        FROM Datasets d;
        """,
        """
        CREATE VIEW DeploymentSearchDocuments AS
        SELECT d.Id * 4 + 3 AS DocumentId, 'Deployment' AS Kind, d.Id AS EntityId,
               NULL AS Name, trim(d.Environment || ' v' || v.Number) AS Title,
               trim(m.Name || ' ' || coalesce(m.DisplayName, '')) AS Parent, NULL AS Tags, NULL AS Body,
               trim(coalesce(d.Endpoint, '') || ' ' || coalesce(d.Platform, '')) AS Facts
        FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId JOIN Models m ON m.Id = v.ModelId;
        """,
    ];

    /// <summary>Indexes every existing row: the migration's backfill of a database that already holds data.</summary>
    public static IReadOnlyList<string> Backfill { get; } =
        Tables.Select(t => $"INSERT INTO SearchIndex({IndexColumns}) SELECT {DocumentColumns} FROM {t.View};").ToList();

    /// <summary>
    /// Insert, update and delete triggers per table, plus the triggers that re-index versions and deployments when the text
    /// they borrow (model name, display name, version number) changes. Updates of other columns (stage, status, counters)
    /// leave the index alone.
    /// </summary>
    public static IReadOnlyList<string> CreateTriggers { get; } =
    [
        .. Tables.SelectMany(OwnTriggers),
        $"""
        CREATE TRIGGER SearchIndex_Models_Rename AFTER UPDATE OF Name, DisplayName ON Models
        WHEN OLD.Name IS NOT NEW.Name OR OLD.DisplayName IS NOT NEW.DisplayName
        BEGIN
            {Reindex("ModelVersionSearchDocuments", 1, "SELECT Id FROM ModelVersions WHERE ModelId = NEW.Id")}
            {Reindex("DeploymentSearchDocuments", 3, "SELECT d.Id FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId WHERE v.ModelId = NEW.Id")}
        END;
        """,
        $"""
        CREATE TRIGGER SearchIndex_ModelVersions_Renumber AFTER UPDATE OF ModelId, Number ON ModelVersions
        WHEN OLD.ModelId IS NOT NEW.ModelId OR OLD.Number IS NOT NEW.Number
        BEGIN
            {Reindex("DeploymentSearchDocuments", 3, "SELECT Id FROM Deployments WHERE ModelVersionId = NEW.Id")}
        END;
        """,
    ];

    /// <summary>Drops everything the statements above created (the migration's Down), table last.</summary>
    public static IReadOnlyList<string> DropAll { get; } =
    [
        .. Tables.SelectMany(t => new[]
        {
            $"DROP TRIGGER IF EXISTS SearchIndex_{t.Table}_Insert;",
            $"DROP TRIGGER IF EXISTS SearchIndex_{t.Table}_Update;",
            $"DROP TRIGGER IF EXISTS SearchIndex_{t.Table}_Delete;",
        }),
        "DROP TRIGGER IF EXISTS SearchIndex_Models_Rename;",
        "DROP TRIGGER IF EXISTS SearchIndex_ModelVersions_Renumber;",
        .. Tables.Select(t => $"DROP VIEW IF EXISTS {t.View};"),
        "DROP TABLE IF EXISTS SearchIndex;",
    ];

    // Tags are a JSON array column; a value that is not valid JSON must not make the write fail, so it indexes as no tags.
    private static string TagWords(string column)
        => $"CASE WHEN json_valid({column}) THEN (SELECT group_concat(value, ' ') FROM json_each({column})) END";

    private static IEnumerable<string> OwnTriggers(SearchableTable t) =>
    [
        $"""
        CREATE TRIGGER SearchIndex_{t.Table}_Insert AFTER INSERT ON {t.Table}
        BEGIN
            INSERT INTO SearchIndex({IndexColumns}) SELECT {DocumentColumns} FROM {t.View} WHERE EntityId = NEW.Id;
        END;
        """,
        $"""
        CREATE TRIGGER SearchIndex_{t.Table}_Update AFTER UPDATE OF {t.IndexedColumns} ON {t.Table}
        BEGIN
            DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + {t.KindCode};
            INSERT INTO SearchIndex({IndexColumns}) SELECT {DocumentColumns} FROM {t.View} WHERE EntityId = NEW.Id;
        END;
        """,
        $"""
        CREATE TRIGGER SearchIndex_{t.Table}_Delete AFTER DELETE ON {t.Table}
        BEGIN
            DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + {t.KindCode};
        END;
        """,
    ];

    private static string Reindex(string view, int kindCode, string ids)
        => $"""
            DELETE FROM SearchIndex WHERE rowid IN (SELECT x.Id * 4 + {kindCode} FROM ({ids}) x);
                INSERT INTO SearchIndex({IndexColumns}) SELECT {DocumentColumns} FROM {view} WHERE EntityId IN ({ids});
            """;

    private sealed record SearchableTable(string Table, string View, int KindCode, string IndexedColumns);
}
