using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModelRegistry.Infrastructure.Postgres;

#nullable disable

namespace ModelRegistry.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// The PostgreSQL forms of what SQLite keeps outside EF's model: the search index (a table with a weighted
    /// <c>tsvector</c> and a GIN index, kept in step by triggers inside the writing transaction) and the audit head
    /// marker (one row, written in each write transaction; SQLite keeps it in <c>user_version</c>).
    /// </summary>
    /// <remarks>
    /// Frozen SQL, as in the SQLite migrations: changing the index means a new migration. Text is cut into words the way
    /// <see cref="Search.SearchText"/> cuts the user's text (every run of characters that are neither letters nor digits
    /// separates words, accents are folded; which characters outside ASCII are letters follows the database's LC_CTYPE),
    /// so that the parser behind <c>to_tsvector</c> only ever sees plain words and both
    /// sides agree on what a word is. Weights: the entity's own name A, its title B, its owning model or dataset and its
    /// tags C, free text and facts D.
    /// </remarks>
    [DbContext(typeof(PostgresRegistryDbContext))]
    [Migration("20261207193500_SearchIndexAndAuditHead")]
    public partial class SearchIndexAndAuditHead : Migration
    {
        private static readonly string[] UpStatements =
        [
            "CREATE EXTENSION IF NOT EXISTS unaccent;",
            """
            CREATE TABLE "AuditHead" (
                "Id" integer PRIMARY KEY CHECK ("Id" = 1),
                "Sequence" bigint NOT NULL
            );
            """,
            """
            CREATE FUNCTION registry_search_words(value text) RETURNS text
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT lower(regexp_replace(unaccent(coalesce(value, '')) COLLATE "default", '[^[:alnum:]]+', ' ', 'g')) $$;
            """,
            """
            CREATE TABLE "SearchIndex" (
                "Kind" text COLLATE "C" NOT NULL,
                "EntityId" bigint NOT NULL,
                "Document" tsvector NOT NULL,
                PRIMARY KEY ("Kind", "EntityId")
            );
            """,
            """CREATE INDEX "IX_SearchIndex_Document" ON "SearchIndex" USING gin ("Document");""",
            """
            CREATE VIEW "SearchDocuments" AS
            SELECT 'Model'::text AS "Kind", m."Id" AS "EntityId", m."Name"::text AS "Name", m."DisplayName"::text AS "Title",
                   NULL::text AS "Parent", array_to_string(m."Tags", ' ') AS "Tags",
                   concat_ws(' ', m."Description", m."BusinessContext") AS "Body", m."Owner"::text AS "Facts"
            FROM "Models" m
            UNION ALL
            SELECT 'ModelVersion', v."Id", NULL, 'v' || v."Number", concat_ws(' ', m."Name", m."DisplayName"),
                   array_to_string(v."Tags", ' '), v."Description", v."Framework"
            FROM "ModelVersions" v JOIN "Models" m ON m."Id" = v."ModelId"
            UNION ALL
            SELECT 'Dataset', d."Id", d."Name", NULL, NULL, NULL, d."Description", d."Owner"
            FROM "Datasets" d
            UNION ALL
            SELECT 'Deployment', d."Id", NULL, d."Environment" || ' v' || v."Number", concat_ws(' ', m."Name", m."DisplayName"),
                   NULL, NULL, concat_ws(' ', d."Endpoint", d."Platform")
            FROM "Deployments" d JOIN "ModelVersions" v ON v."Id" = d."ModelVersionId" JOIN "Models" m ON m."Id" = v."ModelId"
            UNION ALL
            SELECT 'ConsumerApplication', a."Id", a."Name", NULL, NULL, NULL, NULL, a."Owner"
            FROM "ConsumerApplications" a
            UNION ALL
            SELECT 'DatasetVersion', v."Id", NULL, v."Version", d."Name", NULL, NULL, concat_ws(' ', v."Uri", v."Sha256")
            FROM "DatasetVersions" v JOIN "Datasets" d ON d."Id" = v."DatasetId";
            """,
            """
            CREATE FUNCTION registry_search_refresh(kind text, ids bigint[]) RETURNS void
            LANGUAGE sql VOLATILE
            AS $$
                DELETE FROM "SearchIndex" WHERE "Kind" = kind AND "EntityId" = ANY(ids);
                INSERT INTO "SearchIndex" ("Kind", "EntityId", "Document")
                SELECT s."Kind", s."EntityId",
                       setweight(to_tsvector('simple', registry_search_words(s."Name")), 'A')
                       || setweight(to_tsvector('simple', registry_search_words(s."Title")), 'B')
                       || setweight(to_tsvector('simple', registry_search_words(concat_ws(' ', s."Parent", s."Tags"))), 'C')
                       || setweight(to_tsvector('simple', registry_search_words(concat_ws(' ', s."Body", s."Facts"))), 'D')
                FROM "SearchDocuments" s WHERE s."Kind" = kind AND s."EntityId" = ANY(ids);
            $$;
            """,
            """
            CREATE FUNCTION registry_search_on_models() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM registry_search_refresh('Model', ARRAY[OLD."Id"]);
                    RETURN NULL;
                END IF;
                PERFORM registry_search_refresh('Model', ARRAY[NEW."Id"]);
                IF TG_OP = 'UPDATE' AND (OLD."Name" IS DISTINCT FROM NEW."Name" OR OLD."DisplayName" IS DISTINCT FROM NEW."DisplayName") THEN
                    PERFORM registry_search_refresh('ModelVersion', ARRAY(SELECT "Id" FROM "ModelVersions" WHERE "ModelId" = NEW."Id"));
                    PERFORM registry_search_refresh('Deployment', ARRAY(SELECT d."Id" FROM "Deployments" d
                        JOIN "ModelVersions" v ON v."Id" = d."ModelVersionId" WHERE v."ModelId" = NEW."Id"));
                END IF;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION registry_search_on_model_versions() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM registry_search_refresh('ModelVersion', ARRAY[OLD."Id"]);
                    RETURN NULL;
                END IF;
                PERFORM registry_search_refresh('ModelVersion', ARRAY[NEW."Id"]);
                IF TG_OP = 'UPDATE' AND (OLD."ModelId" IS DISTINCT FROM NEW."ModelId" OR OLD."Number" IS DISTINCT FROM NEW."Number") THEN
                    PERFORM registry_search_refresh('Deployment', ARRAY(SELECT "Id" FROM "Deployments" WHERE "ModelVersionId" = NEW."Id"));
                END IF;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION registry_search_on_datasets() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM registry_search_refresh('Dataset', ARRAY[OLD."Id"]);
                    RETURN NULL;
                END IF;
                PERFORM registry_search_refresh('Dataset', ARRAY[NEW."Id"]);
                IF TG_OP = 'UPDATE' AND OLD."Name" IS DISTINCT FROM NEW."Name" THEN
                    PERFORM registry_search_refresh('DatasetVersion', ARRAY(SELECT "Id" FROM "DatasetVersions" WHERE "DatasetId" = NEW."Id"));
                END IF;
                RETURN NULL;
            END $$;
            """,
            """
            CREATE FUNCTION registry_search_on_row() RETURNS trigger
            LANGUAGE plpgsql
            AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM registry_search_refresh(TG_ARGV[0], ARRAY[OLD."Id"]);
                ELSE
                    PERFORM registry_search_refresh(TG_ARGV[0], ARRAY[NEW."Id"]);
                END IF;
                RETURN NULL;
            END $$;
            """,
            """CREATE TRIGGER "SearchIndex_Models" AFTER INSERT OR UPDATE OR DELETE ON "Models" FOR EACH ROW EXECUTE FUNCTION registry_search_on_models();""",
            """CREATE TRIGGER "SearchIndex_ModelVersions" AFTER INSERT OR UPDATE OR DELETE ON "ModelVersions" FOR EACH ROW EXECUTE FUNCTION registry_search_on_model_versions();""",
            """CREATE TRIGGER "SearchIndex_Datasets" AFTER INSERT OR UPDATE OR DELETE ON "Datasets" FOR EACH ROW EXECUTE FUNCTION registry_search_on_datasets();""",
            """CREATE TRIGGER "SearchIndex_Deployments" AFTER INSERT OR UPDATE OR DELETE ON "Deployments" FOR EACH ROW EXECUTE FUNCTION registry_search_on_row('Deployment');""",
            """CREATE TRIGGER "SearchIndex_ConsumerApplications" AFTER INSERT OR UPDATE OR DELETE ON "ConsumerApplications" FOR EACH ROW EXECUTE FUNCTION registry_search_on_row('ConsumerApplication');""",
            """CREATE TRIGGER "SearchIndex_DatasetVersions" AFTER INSERT OR UPDATE OR DELETE ON "DatasetVersions" FOR EACH ROW EXECUTE FUNCTION registry_search_on_row('DatasetVersion');""",
            """
            INSERT INTO "SearchIndex" ("Kind", "EntityId", "Document")
            SELECT s."Kind", s."EntityId",
                   setweight(to_tsvector('simple', registry_search_words(s."Name")), 'A')
                   || setweight(to_tsvector('simple', registry_search_words(s."Title")), 'B')
                   || setweight(to_tsvector('simple', registry_search_words(concat_ws(' ', s."Parent", s."Tags"))), 'C')
                   || setweight(to_tsvector('simple', registry_search_words(concat_ws(' ', s."Body", s."Facts"))), 'D')
            FROM "SearchDocuments" s;
            """,
        ];

        private static readonly string[] DownStatements =
        [
            """DROP TRIGGER IF EXISTS "SearchIndex_DatasetVersions" ON "DatasetVersions";""",
            """DROP TRIGGER IF EXISTS "SearchIndex_ConsumerApplications" ON "ConsumerApplications";""",
            """DROP TRIGGER IF EXISTS "SearchIndex_Deployments" ON "Deployments";""",
            """DROP TRIGGER IF EXISTS "SearchIndex_Datasets" ON "Datasets";""",
            """DROP TRIGGER IF EXISTS "SearchIndex_ModelVersions" ON "ModelVersions";""",
            """DROP TRIGGER IF EXISTS "SearchIndex_Models" ON "Models";""",
            "DROP FUNCTION IF EXISTS registry_search_on_row();",
            "DROP FUNCTION IF EXISTS registry_search_on_datasets();",
            "DROP FUNCTION IF EXISTS registry_search_on_model_versions();",
            "DROP FUNCTION IF EXISTS registry_search_on_models();",
            "DROP FUNCTION IF EXISTS registry_search_refresh(text, bigint[]);",
            """DROP VIEW IF EXISTS "SearchDocuments";""",
            """DROP TABLE IF EXISTS "SearchIndex";""",
            "DROP FUNCTION IF EXISTS registry_search_words(text);",
            """DROP TABLE IF EXISTS "AuditHead";""",
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
