using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// Events per UTC hour, kept by triggers on AuditEvents whatever writes or deletes them (ingestion, CSV collection,
/// demo data, retention), so the unfiltered events-over-time chart adds up hours instead of counting millions of index
/// entries (<see cref="AuditLogs.Explorer.AuditEventReader.PrepareHistogram"/>). Filled from the events already stored.
/// Hand-written; the table has no entity (MigrationTests leaves it out, as the full-text tables).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122050000_AuditEventHours")]
public sealed class AuditEventHours : Migration
{
    private const string Hour = "3600000";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "AuditEventHours" (
                "HourUtc" INTEGER NOT NULL CONSTRAINT "PK_AuditEventHours" PRIMARY KEY,
                "Events" INTEGER NOT NULL
            );
            """);

        migrationBuilder.Sql($"""
            INSERT INTO "AuditEventHours" ("HourUtc", "Events")
            SELECT "EventTimeUtc" / {Hour} * {Hour}, count(*) FROM "AuditEvents" GROUP BY 1;
            """);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "AuditEvents_hours_insert" AFTER INSERT ON "AuditEvents" BEGIN
                INSERT INTO "AuditEventHours" ("HourUtc", "Events") VALUES (new."EventTimeUtc" / {Hour} * {Hour}, 1)
                    ON CONFLICT ("HourUtc") DO UPDATE SET "Events" = "Events" + 1;
            END;
            """);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "AuditEvents_hours_delete" AFTER DELETE ON "AuditEvents" BEGIN
                UPDATE "AuditEventHours" SET "Events" = "Events" - 1 WHERE "HourUtc" = old."EventTimeUtc" / {Hour} * {Hour};
            END;
            """);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "AuditEvents_hours_update" AFTER UPDATE OF "EventTimeUtc" ON "AuditEvents"
                WHEN old."EventTimeUtc" / {Hour} <> new."EventTimeUtc" / {Hour} BEGIN
                UPDATE "AuditEventHours" SET "Events" = "Events" - 1 WHERE "HourUtc" = old."EventTimeUtc" / {Hour} * {Hour};
                INSERT INTO "AuditEventHours" ("HourUtc", "Events") VALUES (new."EventTimeUtc" / {Hour} * {Hour}, 1)
                    ON CONFLICT ("HourUtc") DO UPDATE SET "Events" = "Events" + 1;
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_hours_update";""");
        migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_hours_delete";""");
        migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_hours_insert";""");
        migrationBuilder.Sql("""DROP TABLE "AuditEventHours";""");
    }
}
