using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <summary>Adds the FTS5 search index, its per-kind document views and triggers, and indexes the rows already there.</summary>
    public partial class AddSearchIndex : Migration
    {
        // Frozen SQL: these are the statements this migration ran when it shipped, written out literally. It used to build
        // them from live code (SearchIndexSql), so editing that class would have changed what an applied migration does and
        // given new databases a different schema from upgraded ones. The rowid of a row is entity id * 4 + kind code
        // (Model 0, ModelVersion 1, Dataset 2, Deployment 3), so triggers find a row by key.
        private static readonly string[] UpStatements =
        [
            """
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
            """,
            """
            CREATE VIEW ModelSearchDocuments AS
            SELECT m.Id * 4 AS DocumentId, 'Model' AS Kind, m.Id AS EntityId,
                   m.Name AS Name, m.DisplayName AS Title, NULL AS Parent, CASE WHEN json_valid(m.Tags) THEN (SELECT group_concat(value, ' ') FROM json_each(m.Tags)) END AS Tags,
                   trim(coalesce(m.Description, '') || ' ' || coalesce(m.BusinessContext, '')) AS Body,
                   m.Owner AS Facts
            FROM Models m;
            """,
            """
            CREATE VIEW ModelVersionSearchDocuments AS
            SELECT v.Id * 4 + 1 AS DocumentId, 'ModelVersion' AS Kind, v.Id AS EntityId,
                   NULL AS Name, 'v' || v.Number AS Title, trim(m.Name || ' ' || coalesce(m.DisplayName, '')) AS Parent,
                   CASE WHEN json_valid(v.Tags) THEN (SELECT group_concat(value, ' ') FROM json_each(v.Tags)) END AS Tags, v.Description AS Body, v.Framework AS Facts
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
            "INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelSearchDocuments;",
            "INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelVersionSearchDocuments;",
            "INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetSearchDocuments;",
            "INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DeploymentSearchDocuments;",
            """
            CREATE TRIGGER SearchIndex_Models_Insert AFTER INSERT ON Models
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Models_Update AFTER UPDATE OF Name, DisplayName, Description, Tags, BusinessContext, Owner ON Models
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 0;
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Models_Delete AFTER DELETE ON Models
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 0;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ModelVersions_Insert AFTER INSERT ON ModelVersions
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelVersionSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ModelVersions_Update AFTER UPDATE OF ModelId, Number, Description, Framework, Tags ON ModelVersions
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 1;
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelVersionSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ModelVersions_Delete AFTER DELETE ON ModelVersions
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 1;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Datasets_Insert AFTER INSERT ON Datasets
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Datasets_Update AFTER UPDATE OF Name, Description, Owner ON Datasets
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 2;
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Datasets_Delete AFTER DELETE ON Datasets
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 2;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Deployments_Insert AFTER INSERT ON Deployments
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DeploymentSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Deployments_Update AFTER UPDATE OF ModelVersionId, Environment, Endpoint, Platform ON Deployments
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 3;
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DeploymentSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Deployments_Delete AFTER DELETE ON Deployments
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = OLD.Id * 4 + 3;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Models_Rename AFTER UPDATE OF Name, DisplayName ON Models
            WHEN OLD.Name IS NOT NEW.Name OR OLD.DisplayName IS NOT NEW.DisplayName
            BEGIN
                DELETE FROM SearchIndex WHERE rowid IN (SELECT x.Id * 4 + 1 FROM (SELECT Id FROM ModelVersions WHERE ModelId = NEW.Id) x);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ModelVersionSearchDocuments WHERE EntityId IN (SELECT Id FROM ModelVersions WHERE ModelId = NEW.Id);
                DELETE FROM SearchIndex WHERE rowid IN (SELECT x.Id * 4 + 3 FROM (SELECT d.Id FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId WHERE v.ModelId = NEW.Id) x);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DeploymentSearchDocuments WHERE EntityId IN (SELECT d.Id FROM Deployments d JOIN ModelVersions v ON v.Id = d.ModelVersionId WHERE v.ModelId = NEW.Id);
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ModelVersions_Renumber AFTER UPDATE OF ModelId, Number ON ModelVersions
            WHEN OLD.ModelId IS NOT NEW.ModelId OR OLD.Number IS NOT NEW.Number
            BEGIN
                DELETE FROM SearchIndex WHERE rowid IN (SELECT x.Id * 4 + 3 FROM (SELECT Id FROM Deployments WHERE ModelVersionId = NEW.Id) x);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts) SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DeploymentSearchDocuments WHERE EntityId IN (SELECT Id FROM Deployments WHERE ModelVersionId = NEW.Id);
            END;
            """,
        ];

        private static readonly string[] DownStatements =
        [
            "DROP TRIGGER IF EXISTS SearchIndex_Models_Insert;",
            "DROP TRIGGER IF EXISTS SearchIndex_Models_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_Models_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_ModelVersions_Insert;",
            "DROP TRIGGER IF EXISTS SearchIndex_ModelVersions_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_ModelVersions_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_Datasets_Insert;",
            "DROP TRIGGER IF EXISTS SearchIndex_Datasets_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_Datasets_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_Deployments_Insert;",
            "DROP TRIGGER IF EXISTS SearchIndex_Deployments_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_Deployments_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_Models_Rename;",
            "DROP TRIGGER IF EXISTS SearchIndex_ModelVersions_Renumber;",
            "DROP VIEW IF EXISTS ModelSearchDocuments;",
            "DROP VIEW IF EXISTS ModelVersionSearchDocuments;",
            "DROP VIEW IF EXISTS DatasetSearchDocuments;",
            "DROP VIEW IF EXISTS DeploymentSearchDocuments;",
            "DROP TABLE IF EXISTS SearchIndex;",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in UpStatements)
                migrationBuilder.Sql(statement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in DownStatements)
                migrationBuilder.Sql(statement);
        }
    }
}
