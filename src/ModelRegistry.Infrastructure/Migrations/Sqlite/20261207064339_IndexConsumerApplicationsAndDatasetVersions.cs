using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Adds consumer applications and dataset versions to the search index: a document view, triggers and a backfill for
    /// each. A dataset version borrows its dataset's name, so renaming a dataset re-indexes its versions.
    /// </summary>
    public partial class IndexConsumerApplicationsAndDatasetVersions : Migration
    {
        // Frozen SQL: this migration must keep doing what it did when it shipped, so it holds its statements literally
        // instead of calling live code. The kinds added here take negative rowids, -(id * 4 + code) with ConsumerApplication 0
        // and DatasetVersion 1, so they cannot collide with the id * 4 + code (0 to 3) rows AddSearchIndex keeps, and
        // that migration's triggers and rows stay as they are.
        private static readonly string[] UpStatements =
        [
            """
            CREATE VIEW ConsumerApplicationSearchDocuments AS
            SELECT -(a.Id * 4) AS DocumentId, 'ConsumerApplication' AS Kind, a.Id AS EntityId,
                   a.Name AS Name, NULL AS Title, NULL AS Parent, NULL AS Tags, NULL AS Body, a.Owner AS Facts
            FROM ConsumerApplications a;
            """,
            """
            CREATE VIEW DatasetVersionSearchDocuments AS
            SELECT -(v.Id * 4 + 1) AS DocumentId, 'DatasetVersion' AS Kind, v.Id AS EntityId,
                   NULL AS Name, v.Version AS Title, d.Name AS Parent, NULL AS Tags, NULL AS Body,
                   trim(coalesce(v.Uri, '') || ' ' || coalesce(v.Sha256, '')) AS Facts
            FROM DatasetVersions v JOIN Datasets d ON d.Id = v.DatasetId;
            """,
            """
            INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
            SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ConsumerApplicationSearchDocuments;
            """,
            """
            INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
            SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetVersionSearchDocuments;
            """,
            """
            CREATE TRIGGER SearchIndex_ConsumerApplications_Insert AFTER INSERT ON ConsumerApplications
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
                SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ConsumerApplicationSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ConsumerApplications_Update AFTER UPDATE OF Name, Owner ON ConsumerApplications
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = -(OLD.Id * 4);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
                SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM ConsumerApplicationSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_ConsumerApplications_Delete AFTER DELETE ON ConsumerApplications
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = -(OLD.Id * 4);
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_DatasetVersions_Insert AFTER INSERT ON DatasetVersions
            BEGIN
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
                SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetVersionSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_DatasetVersions_Update AFTER UPDATE OF DatasetId, Version, Uri, Sha256 ON DatasetVersions
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = -(OLD.Id * 4 + 1);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
                SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetVersionSearchDocuments WHERE EntityId = NEW.Id;
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_DatasetVersions_Delete AFTER DELETE ON DatasetVersions
            BEGIN
                DELETE FROM SearchIndex WHERE rowid = -(OLD.Id * 4 + 1);
            END;
            """,
            """
            CREATE TRIGGER SearchIndex_Datasets_RenameVersions AFTER UPDATE OF Name ON Datasets
            WHEN OLD.Name IS NOT NEW.Name
            BEGIN
                DELETE FROM SearchIndex WHERE rowid IN (SELECT -(v.Id * 4 + 1) FROM DatasetVersions v WHERE v.DatasetId = NEW.Id);
                INSERT INTO SearchIndex(rowid, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts)
                SELECT DocumentId, Kind, EntityId, Name, Title, Parent, Tags, Body, Facts FROM DatasetVersionSearchDocuments
                WHERE EntityId IN (SELECT v.Id FROM DatasetVersions v WHERE v.DatasetId = NEW.Id);
            END;
            """,
        ];

        private static readonly string[] DownStatements =
        [
            "DROP TRIGGER IF EXISTS SearchIndex_Datasets_RenameVersions;",
            "DROP TRIGGER IF EXISTS SearchIndex_DatasetVersions_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_DatasetVersions_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_DatasetVersions_Insert;",
            "DROP TRIGGER IF EXISTS SearchIndex_ConsumerApplications_Delete;",
            "DROP TRIGGER IF EXISTS SearchIndex_ConsumerApplications_Update;",
            "DROP TRIGGER IF EXISTS SearchIndex_ConsumerApplications_Insert;",
            "DELETE FROM SearchIndex WHERE rowid < 0;",
            "DROP VIEW IF EXISTS DatasetVersionSearchDocuments;",
            "DROP VIEW IF EXISTS ConsumerApplicationSearchDocuments;",
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
