using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// Scheduled exports (a workbook element to an integration, with its frequency and watermark) and their runs.
/// Hand-written: the SQL is what the model generates for SQLite (MigrationTests compares the two).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122040000_ScheduledExports")]
public sealed class ScheduledExports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "ScheduledExports" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_ScheduledExports" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "WorkbookId" INTEGER NOT NULL,
                "TableElementId" INTEGER NOT NULL,
                "IntegrationId" TEXT NOT NULL,
                "OwnerId" TEXT NOT NULL,
                "OwnerEmail" TEXT NOT NULL,
                "UriTemplate" TEXT NOT NULL,
                "Format" TEXT NOT NULL,
                "Gzip" INTEGER NOT NULL,
                "Mode" TEXT NOT NULL,
                "FrequencyKind" TEXT NOT NULL,
                "EveryHours" INTEGER NULL,
                "TimeOfDay" TEXT NULL,
                "Day" INTEGER NULL,
                "TimeZoneId" TEXT NOT NULL,
                "Cron" TEXT NULL,
                "NotificationEmails" TEXT NOT NULL,
                "Paused" INTEGER NOT NULL,
                "PauseReason" TEXT NULL,
                "WatermarkIngestedAtUtc" TEXT NULL,
                "WatermarkEventRowId" INTEGER NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "CreatedBy" TEXT NOT NULL,
                "UpdatedAtUtc" TEXT NOT NULL,
                CONSTRAINT "FK_ScheduledExports_Workbooks_WorkbookId" FOREIGN KEY ("WorkbookId") REFERENCES "Workbooks" ("Id") ON DELETE CASCADE
            );
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "ExportRuns" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_ExportRuns" PRIMARY KEY,
                "ScheduleId" TEXT NOT NULL,
                "Trigger" TEXT NOT NULL,
                "Status" TEXT NOT NULL,
                "TriggeredBy" TEXT NULL,
                "StartedAtUtc" TEXT NOT NULL,
                "FinishedAtUtc" TEXT NULL,
                "RunToken" TEXT NOT NULL,
                "WindowAfterEventRowId" INTEGER NULL,
                "WindowAfterIngestedAtUtc" TEXT NULL,
                "WindowToEventRowId" INTEGER NOT NULL,
                "WindowToIngestedAtUtc" TEXT NULL,
                "WindowFromEventTimeUtc" TEXT NULL,
                "WindowToEventTimeUtc" TEXT NULL,
                "Rows" INTEGER NOT NULL,
                "Bytes" INTEGER NOT NULL,
                "Objects" INTEGER NOT NULL,
                "Retries" INTEGER NOT NULL,
                "Error" TEXT NULL,
                "ErrorHint" TEXT NULL,
                "ManifestObjectName" TEXT NULL,
                "ProgressRows" INTEGER NOT NULL,
                "ProgressBytes" INTEGER NOT NULL,
                "ProgressPart" INTEGER NOT NULL,
                "ProgressUpdatedAtUtc" TEXT NULL,
                CONSTRAINT "FK_ExportRuns_ScheduledExports_ScheduleId" FOREIGN KEY ("ScheduleId") REFERENCES "ScheduledExports" ("Id") ON DELETE CASCADE
            );
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_ExportRuns_OneRunning" ON "ExportRuns" ("ScheduleId") WHERE "Status" = 'Running';
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_ExportRuns_ScheduleId_StartedAtUtc" ON "ExportRuns" ("ScheduleId", "StartedAtUtc");
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_ScheduledExports_IntegrationId" ON "ScheduledExports" ("IntegrationId");
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_ScheduledExports_WorkbookId" ON "ScheduledExports" ("WorkbookId");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "ExportRuns";""");
        migrationBuilder.Sql("""DROP TABLE "ScheduledExports";""");
    }
}
