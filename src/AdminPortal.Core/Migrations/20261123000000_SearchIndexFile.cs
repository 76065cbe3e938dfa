using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// The full-text index moves out of the database into a file of its own (<see cref="AuditLogs.SearchIndex.SearchIndexFile"/>):
/// indexing then no longer takes the database's one write lock, which it shared with ingestion. The new index starts
/// empty and the indexer builds it in the background; searches meanwhile read the events it has not reached without it.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261123000000_SearchIndexFile")]
public sealed class SearchIndexFile : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS "AuditEvents_fts_delete";
            """);
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS "AuditEvents_fts_update";
            """);
        migrationBuilder.Sql("""
            DROP TABLE IF EXISTS "AuditEventsFts";
            """);
        migrationBuilder.Sql("""
            DROP TABLE IF EXISTS "AuditEventsFtsWatermark";
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        throw new NotSupportedException("The search index file cannot be moved back by a migration: restore a backup instead.");
    }
}
