using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    /// <remarks>
    /// Edited by hand: EF's model cannot express a partitioned table, a generated tsvector column, tables without an
    /// entity or a trigger. The entity's mapping stays the one model (columns, names and types unchanged), so
    /// has-pending-model-changes still finds nothing; the model's unique index on EventId cannot exist on a table
    /// partitioned by time (a unique index must include the partition key), and AuditEventIds takes its place.
    /// </remarks>
    public partial class AuditEventsPartitioned : Migration
    {
        // The model's indexes (PortalDbContext), declared on the parent so that every partition gets them. EventId's is
        // no longer unique: AuditEventIds is what refuses a second event with the same id.
        private static readonly string[] ModelIndexes =
        [
            """CREATE INDEX "IX_AuditEvents_EventId" ON "AuditEvents" ("EventId")""",
            """CREATE INDEX "IX_AuditEvents_EventTimeUtc_Id" ON "AuditEvents" ("EventTimeUtc", "Id")""",
            """CREATE INDEX "IX_AuditEvents_Login_EventTimeUtc" ON "AuditEvents" ("Login", "EventTimeUtc")""",
            """CREATE INDEX "IX_AuditEvents_Action_EventTimeUtc" ON "AuditEvents" ("Action", "EventTimeUtc")""",
            """CREATE INDEX "IX_AuditEvents_Family_EventTimeUtc" ON "AuditEvents" ("Family", "EventTimeUtc")""",
            """CREATE INDEX "IX_AuditEvents_Datasource_EventTimeUtc" ON "AuditEvents" ("Datasource", "EventTimeUtc")""",
            """CREATE INDEX "IX_AuditEvents_Status_EventTimeUtc" ON "AuditEvents" ("Status", "EventTimeUtc")""",
        ];

        private const string DropModelIndexes = """
            DROP INDEX "IX_AuditEvents_EventId", "IX_AuditEvents_EventTimeUtc_Id", "IX_AuditEvents_Login_EventTimeUtc",
                "IX_AuditEvents_Action_EventTimeUtc", "IX_AuditEvents_Family_EventTimeUtc",
                "IX_AuditEvents_Datasource_EventTimeUtc", "IX_AuditEvents_Status_EventTimeUtc";
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The portal refused to start on PostgreSQL before this migration, so the table is empty; its rows are
            // moved all the same, for a database someone filled by hand.
            migrationBuilder.Sql("""ALTER TABLE "AuditEvents" RENAME TO "AuditEventsUnpartitioned";""");
            migrationBuilder.Sql("""ALTER INDEX "PK_AuditEvents" RENAME TO "PK_AuditEventsUnpartitioned";""");
            migrationBuilder.Sql("""ALTER SEQUENCE "AuditEvents_Id_seq" RENAME TO "AuditEventsUnpartitioned_Id_seq";""");
            migrationBuilder.Sql(DropModelIndexes);

            // Monthly range partitions on the event time (Unix ms), so that retention drops or trims whole months.
            // The free text of the explorer (the fields SearchIndex's FTS5 table covers on SQLite) as a stored tsvector
            // with a GIN index. Identity columns on a partitioned table need PostgreSQL 17: a sequence of its own.
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEvents" (
                    LIKE "AuditEventsUnpartitioned",
                    "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple',
                        coalesce("EventId", '') || ' ' || coalesce("Login", '') || ' ' || coalesce("Identity", '') || ' ' ||
                        coalesce("Action", '') || ' ' || coalesce("CodeLabel", '') || ' ' || coalesce("TargetName", '') || ' ' ||
                        coalesce("DisplayLabel", '') || ' ' || coalesce("Payload", ''))) STORED,
                    CONSTRAINT "PK_AuditEvents" PRIMARY KEY ("Id", "EventTimeUtc")
                ) PARTITION BY RANGE ("EventTimeUtc");
                CREATE SEQUENCE "AuditEvents_Id_seq" AS bigint OWNED BY "AuditEvents"."Id";
                ALTER TABLE "AuditEvents" ALTER COLUMN "Id" SET DEFAULT nextval('"AuditEvents_Id_seq"');
                CREATE TABLE "AuditEvents_default" PARTITION OF "AuditEvents" DEFAULT;
                CREATE INDEX "IX_AuditEvents_SearchVector" ON "AuditEvents" USING gin ("SearchVector");
                """);
            foreach (var index in ModelIndexes)
            {
                migrationBuilder.Sql(index + ";");
            }

            // One row per stored event id: the dedupe key the partitioned table cannot hold (AuditEventWriter's
            // PostgreSQL session inserts into it ON CONFLICT DO NOTHING to learn which events are new).
            // Events per UTC hour (3,600,000 ms) for the events-over-time chart, as on SQLite: the writer adds what it
            // stores; deletes of rows take theirs off in the trigger below (dropping a partition fires none: retention
            // adjusts both tables itself).
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEventIds" ("EventId" text NOT NULL CONSTRAINT "PK_AuditEventIds" PRIMARY KEY);
                CREATE TABLE "AuditEventHours" (
                    "HourUtc" bigint NOT NULL CONSTRAINT "PK_AuditEventHours" PRIMARY KEY,
                    "Events" bigint NOT NULL
                );
                """);

            // Creates the month's partition of an event time unless it exists, or unless the DEFAULT partition already
            // holds events of that month (creating it would fail then; they stay there). The writer calls it for each
            // month it meets for the first time, in its own transaction; an advisory lock keeps two writers from
            // creating the same month at once.
            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEventsEnsureMonth"(at_ms bigint) RETURNS regclass LANGUAGE plpgsql AS $$
                DECLARE
                    month timestamp := date_trunc('month', to_timestamp(at_ms / 1000.0) AT TIME ZONE 'UTC');
                    lo bigint := (extract(epoch FROM month) * 1000)::bigint;
                    hi bigint := (extract(epoch FROM month + interval '1 month') * 1000)::bigint;
                    name text := 'AuditEvents_' || to_char(month, 'YYYY_MM');
                BEGIN
                    IF to_regclass(quote_ident(name)) IS NOT NULL THEN
                        RETURN to_regclass(quote_ident(name));
                    END IF;
                    PERFORM pg_advisory_xact_lock(hashtext('AuditEvents partitions'));
                    IF to_regclass(quote_ident(name)) IS NOT NULL THEN
                        RETURN to_regclass(quote_ident(name));
                    END IF;
                    IF EXISTS (SELECT 1 FROM "AuditEvents_default" WHERE "EventTimeUtc" >= lo AND "EventTimeUtc" < hi) THEN
                        RETURN '"AuditEvents_default"'::regclass;
                    END IF;
                    EXECUTE format('CREATE TABLE %I PARTITION OF "AuditEvents" FOR VALUES FROM (%s) TO (%s)', name, lo, hi);
                    RETURN to_regclass(quote_ident(name));
                END $$;
                """);

            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEventsDeleted"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "AuditEventHours" h SET "Events" = h."Events" - d.n
                    FROM (SELECT "EventTimeUtc" / 3600000 * 3600000 AS hour, count(*) AS n FROM old_rows GROUP BY 1) d
                    WHERE h."HourUtc" = d.hour;
                    DELETE FROM "AuditEventIds" i USING old_rows o WHERE i."EventId" = o."EventId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "AuditEvents_deleted" AFTER DELETE ON "AuditEvents"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "AuditEventsDeleted"();
                """);

            migrationBuilder.Sql("""
                SELECT "AuditEventsEnsureMonth"(t) FROM (SELECT DISTINCT "EventTimeUtc" / 3600000 * 3600000 AS t FROM "AuditEventsUnpartitioned") m;
                INSERT INTO "AuditEvents" SELECT * FROM "AuditEventsUnpartitioned";
                INSERT INTO "AuditEventIds" SELECT DISTINCT "EventId" FROM "AuditEventsUnpartitioned";
                INSERT INTO "AuditEventHours" SELECT "EventTimeUtc" / 3600000 * 3600000, count(*) FROM "AuditEventsUnpartitioned" GROUP BY 1;
                SELECT setval('"AuditEvents_Id_seq"', coalesce(max("Id"), 0) + 1, false) FROM "AuditEventsUnpartitioned";
                DROP TABLE "AuditEventsUnpartitioned";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "AuditEvents_deleted" ON "AuditEvents";
                DROP FUNCTION "AuditEventsDeleted"();
                DROP FUNCTION "AuditEventsEnsureMonth"(bigint);
                DROP TABLE "AuditEventIds", "AuditEventHours";
                ALTER TABLE "AuditEvents" RENAME TO "AuditEventsPartitioned";
                ALTER INDEX "PK_AuditEvents" RENAME TO "PK_AuditEventsPartitioned";
                ALTER SEQUENCE "AuditEvents_Id_seq" RENAME TO "AuditEventsPartitioned_Id_seq";
                """);
            migrationBuilder.Sql(DropModelIndexes);
            migrationBuilder.Sql("""
                CREATE TABLE "AuditEvents" (LIKE "AuditEventsPartitioned");
                ALTER TABLE "AuditEvents" DROP COLUMN "SearchVector";
                ALTER TABLE "AuditEvents" ALTER COLUMN "Id" ADD GENERATED BY DEFAULT AS IDENTITY;
                ALTER TABLE "AuditEvents" ADD CONSTRAINT "PK_AuditEvents" PRIMARY KEY ("Id");
                INSERT INTO "AuditEvents" OVERRIDING SYSTEM VALUE SELECT "Id", "EventId", "EventTimeUtc", "IngestedAtUtc", "Tenant",
                    "Datasource", "ExternalRef", "Family", "WhereSource", "WhereDestination", "Login", "Repository", "Identity",
                    "Session", "Category", "Code", "CodeLabel", "Action", "Payload", "Status", "Count", "DisplayLabel",
                    "TargetType", "TargetName", "TargetParent", "SecondTarget", "OldValue", "NewValue", "DataJson", "Custom1",
                    "Custom2", "Custom3", "Custom4", "Custom5", "Custom6", "Custom7", "Custom8", "Custom9", "Custom10",
                    "Custom11", "Custom12", "Custom13", "Custom14", "Custom15", "Custom16", "Custom17", "Custom18", "Custom19",
                    "RawJson" FROM "AuditEventsPartitioned";
                SELECT setval(pg_get_serial_sequence('"AuditEvents"', 'Id'), coalesce(max("Id"), 0) + 1, false) FROM "AuditEvents";
                DROP TABLE "AuditEventsPartitioned";
                """);
            foreach (var index in ModelIndexes)
            {
                migrationBuilder.Sql(index.Replace("CREATE INDEX \"IX_AuditEvents_EventId\"", "CREATE UNIQUE INDEX \"IX_AuditEvents_EventId\"") + ";");
            }
        }
    }
}
