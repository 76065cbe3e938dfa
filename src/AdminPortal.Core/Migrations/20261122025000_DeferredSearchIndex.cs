using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// The full-text index follows ingestion instead of being written with each batch (<see cref="AuditLogs.SearchIndex.AuditSearchIndexer"/>):
/// a watermark row says up to which event id AuditEventsFts is complete. Every event stored before this migration was
/// indexed by the writer, so the watermark starts at the newest id. The delete and update triggers now act only at or
/// below the watermark: an external-content FTS5 table told to delete a row it never indexed is corrupted.
/// Hand-written; the table is part of the FTS machinery and has no entity (MigrationTests leaves AuditEventsFts* out).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122025000_DeferredSearchIndex")]
public sealed class DeferredSearchIndex : Migration
{
    private const string Columns = "\"EventId\", \"Login\", \"Identity\", \"Action\", \"CodeLabel\", \"TargetName\", \"DisplayLabel\", \"Payload\"";
    private const string Indexed = "(SELECT \"IndexedUpToId\" FROM \"AuditEventsFtsWatermark\" WHERE \"Id\" = 1)";

    private static string Values(string row) =>
        string.Join(", ", Columns.Split(", ").Select(column => $"{row}.{column}"));

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "AuditEventsFtsWatermark" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEventsFtsWatermark" PRIMARY KEY CHECK ("Id" = 1),
                "IndexedUpToId" INTEGER NOT NULL
            );
            """);

        migrationBuilder.Sql("""
            INSERT INTO "AuditEventsFtsWatermark" ("Id", "IndexedUpToId") SELECT 1, coalesce(max("Id"), 0) FROM "AuditEvents";
            """);

        migrationBuilder.Sql("""
            DROP TRIGGER "AuditEvents_fts_delete";
            """);
        migrationBuilder.Sql("""
            DROP TRIGGER "AuditEvents_fts_update";
            """);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "AuditEvents_fts_delete" AFTER DELETE ON "AuditEvents" WHEN old."Id" <= {Indexed} BEGIN
                INSERT INTO "AuditEventsFts"("AuditEventsFts", rowid, {Columns}) VALUES ('delete', old."Id", {Values("old")});
            END;
            """);

        migrationBuilder.Sql($"""
            CREATE TRIGGER "AuditEvents_fts_update" AFTER UPDATE ON "AuditEvents" WHEN old."Id" <= {Indexed} BEGIN
                INSERT INTO "AuditEventsFts"("AuditEventsFts", rowid, {Columns}) VALUES ('delete', old."Id", {Values("old")});
                INSERT INTO "AuditEventsFts"(rowid, {Columns}) VALUES (new."Id", {Values("new")});
            END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        throw new NotSupportedException("The deferred search index cannot be removed by a migration: restore a backup instead.");
    }
}
