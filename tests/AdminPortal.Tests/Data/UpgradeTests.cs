using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.AuditLogs;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Tests.Data;

/// <summary>Databases made by the hand-written migrations of earlier releases, opened by this one (tool-made baseline).</summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Events_of_the_last_release_stay_searchable_and_every_event_is_counted_in_its_hour_once()
    {
        var now = DateTime.UtcNow;
        await CreateLastReleaseDatabaseAsync(AuditEventWriter.ToUnixMs(now.AddMinutes(-30)));

        _ = portal.Services; // the portal migrates the file as it starts
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync([AuditStoreTests.Event("new-1", now.AddMinutes(-10), login: "olivia@corp.example")]);
        await portal.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();

        var reader = portal.Services.GetRequiredService<AuditEventReader>();
        Assert.Equal(2, (await reader.PageAsync(new AuditQuery { Search = "olivia" })).Total);
        Assert.Equal(1, (await reader.PageAsync(new AuditQuery { Search = "oscar" })).Total);
        var (from, to) = (now.AddHours(-3), now.AddMinutes(1));
        var counted = await reader.HistogramAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.IsNotEmpty, null)] }, from, to);
        Assert.Equal(counted, await reader.HistogramAsync(new AuditQuery(), from, to));
        Assert.Empty(await MasterRowsAsync("name LIKE 'AuditEventsFts%' OR name = 'AuditEvents_hours_insert'"));
    }

    [Theory]
    [InlineData(HandWrittenRelease.LastRelease)]
    [InlineData(HandWrittenRelease.LastHandWritten)]
    public async Task A_database_of_the_hand_written_migrations_keeps_its_events_integrations_and_schedules_under_the_baseline(string lastMigration)
    {
        await HandWrittenRelease.CreateAsync(portal.DatabasePath, lastMigration);
        var (integration, schedule, run) = await StoreRowsOfTheOldReleaseAsync();

        _ = portal.Services;

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(["old-1", "old-2"], await db.AuditEvents.Where(e => e.EventId.StartsWith("old-")).OrderBy(e => e.Id).Select(e => e.EventId).ToListAsync());
        var kept = await db.StorageIntegrations.SingleAsync();
        Assert.Equal((integration.Id, "Sigma exports", IntegrationCloud.Aws, IntegrationAuthMethod.AwsRole, "sigma-audit", "arn:aws:iam::123456789012:role/sigma"),
            (kept.Id, kept.Name, kept.Cloud, kept.AuthMethod, kept.Bucket, kept.RoleArn));
        var keptSchedule = await db.ScheduledExports.SingleAsync();
        Assert.Equal((schedule.Id, "Nightly", integration.Id, schedule.WorkbookId, ExportFrequencyKind.EveryHours, 6, 41L),
            (keptSchedule.Id, keptSchedule.Name, keptSchedule.IntegrationId, keptSchedule.WorkbookId, keptSchedule.FrequencyKind, keptSchedule.EveryHours, keptSchedule.WatermarkEventRowId));
        // Its first run took every retained event then: migration ScheduleFirstRun keeps it so.
        Assert.Equal(ExportFirstRun.AllRetainedEvents, keptSchedule.FirstRun);
        var keptRun = await db.ExportRuns.SingleAsync();
        Assert.Equal((run.Id, schedule.Id, ExportRunStatus.Succeeded, 1234L), (keptRun.Id, keptRun.ScheduleId, keptRun.Status, keptRun.Rows));

        await using var fresh = await SchemaDatabase.CreateAsync(d => d.Database.MigrateAsync());
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        // Quartz's qrtz_ tables are its own, provisioned by the scheduler at start.
        Assert.Equal(await fresh.SchemaAsync(), await SchemaDatabase.SchemaAsync(connection, "tbl_name NOT LIKE 'qrtz%'"));
    }

    [Fact]
    public async Task A_database_older_than_the_last_release_is_refused_with_what_to_do_and_left_as_it_was()
    {
        await HandWrittenRelease.CreateAsync(portal.DatabasePath, HandWrittenRelease.LastRelease);
        await ExecuteAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{HandWrittenRelease.LastRelease}'""");

        await using var db = HandWrittenRelease.Open(portal.DatabasePath);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalMigrations.MigrateAsync(db, NullLogger.Instance));

        Assert.Contains("older than the last release", refused.Message);
        Assert.Contains("20261122040000_ScheduledExports", refused.Message);
        Assert.Equal(6, (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.NotEmpty(await MasterRowsAsync("name = 'AuditEventsFts'"));
    }

    /// <summary>The last release's schema with two events its writer stored and its indexer indexed inside the database.</summary>
    private async Task CreateLastReleaseDatabaseAsync(long eventTimeMs)
    {
        await HandWrittenRelease.CreateAsync(portal.DatabasePath, HandWrittenRelease.LastRelease);
        await ExecuteAsync("""
            INSERT INTO "AuditEvents" ("EventId", "EventTimeUtc", "IngestedAtUtc", "Datasource", "Family", "Login", "Repository", "Code", "CodeLabel", "Action", "Count")
            VALUES ('old-1', $t, $t, 'snowflake', 'database', 'olivia@corp.example', 'prod', 'QUERY', 'Query executed', 'select', 1),
                   ('old-2', $t, $t, 'snowflake', 'database', 'oscar@corp.example', 'prod', 'QUERY', 'Query executed', 'select', 1);
            INSERT INTO "AuditEventsFts" (rowid, "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload")
                SELECT "Id", "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload" FROM "AuditEvents";
            UPDATE "AuditEventsFtsWatermark" SET "IndexedUpToId" = (SELECT max("Id") FROM "AuditEvents");
            """, ("$t", eventTimeMs));
    }

    /// <summary>Two events, an integration, a workbook with a schedule exporting it there, and one run of it.</summary>
    private async Task<(StorageIntegration, ScheduledExport, ExportRun)> StoreRowsOfTheOldReleaseAsync()
    {
        var now = DateTime.UtcNow;
        await using var db = HandWrittenRelease.Open(portal.DatabasePath);
        db.AuditEvents.AddRange(AuditStoreTests.Event("old-1", now.AddHours(-2)), AuditStoreTests.Event("old-2", now.AddHours(-1)));
        var integration = new StorageIntegration
        {
            Id = Guid.NewGuid(), Name = "Sigma exports", Cloud = IntegrationCloud.Aws, AuthMethod = IntegrationAuthMethod.AwsRole,
            Bucket = "sigma-audit", Region = "us-east-1", RoleArn = "arn:aws:iam::123456789012:role/sigma", ExternalId = "external-id",
            CreatedAtUtc = now, CreatedBy = PortalFactory.AdminEmail, UpdatedAtUtc = now,
        };
        var workbook = new Workbook { Name = "Audit", Folder = "", OwnerId = "owner", OwnerEmail = PortalFactory.AdminEmail, CreatedAtUtc = now, UpdatedAtUtc = now };
        workbook.Elements.Add(new TableElement());
        db.AddRange(integration, workbook);
        await db.SaveChangesAsync();

        // Paused, so that the scheduler started by the portal keeps it without running it during the test.
        var schedule = new ScheduledExport
        {
            Id = Guid.NewGuid(), Name = "Nightly", WorkbookId = workbook.Id, TableElementId = workbook.Elements[0].Id, IntegrationId = integration.Id,
            OwnerId = "owner", OwnerEmail = PortalFactory.AdminEmail, UriTemplate = "audit/{date}.csv", FrequencyKind = ExportFrequencyKind.EveryHours,
            EveryHours = 6, Paused = true, PauseReason = "test", WatermarkEventRowId = 41, CreatedAtUtc = now, CreatedBy = PortalFactory.AdminEmail, UpdatedAtUtc = now,
        };
        var run = new ExportRun
        {
            Id = Guid.NewGuid(), ScheduleId = schedule.Id, Trigger = ExportTrigger.Scheduled, Status = ExportRunStatus.Succeeded,
            StartedAtUtc = now.AddHours(-1), FinishedAtUtc = now.AddMinutes(-59), RunToken = "token", WindowToEventRowId = 41, Rows = 1234,
        };
        // The schedule and the run by SQL: the model has columns (ScheduledExport.FirstRun, ExportRun.OwnerNode) that
        // release's tables lack. Written as EF writes SQLite's text (upper-case GUIDs, which the foreign key compares as
        // text; "yyyy-MM-dd HH:mm:ss.FFFFFFF").
        await ExecuteAsync("""
            INSERT INTO "ScheduledExports" ("Id", "Name", "WorkbookId", "TableElementId", "IntegrationId", "OwnerId", "OwnerEmail",
                "UriTemplate", "Format", "Gzip", "Mode", "FrequencyKind", "EveryHours", "TimeZoneId", "NotificationEmails", "Paused",
                "PauseReason", "WatermarkEventRowId", "CreatedAtUtc", "CreatedBy", "UpdatedAtUtc")
            VALUES ($id, $name, $workbook, $element, $integration, $owner, $email, $template, 'Csv', 1, 'Incremental', 'EveryHours', 6,
                'UTC', '', 1, 'test', 41, $now, $email, $now)
            """, ("$id", schedule.Id.ToString().ToUpperInvariant()), ("$name", schedule.Name), ("$workbook", schedule.WorkbookId),
            ("$element", schedule.TableElementId), ("$integration", schedule.IntegrationId.ToString().ToUpperInvariant()),
            ("$owner", schedule.OwnerId), ("$email", schedule.OwnerEmail), ("$template", schedule.UriTemplate), ("$now", SqliteText(now)));
        await ExecuteAsync("""
            INSERT INTO "ExportRuns" ("Id", "ScheduleId", "Trigger", "Status", "StartedAtUtc", "FinishedAtUtc", "RunToken",
                "WindowToEventRowId", "Rows", "Bytes", "Objects", "Retries", "ProgressRows", "ProgressBytes", "ProgressPart")
            VALUES ($id, $schedule, 'Scheduled', 'Succeeded', $started, $finished, $token, $to, $rows, 0, 0, 0, 0, 0, 0)
            """, ("$id", run.Id.ToString().ToUpperInvariant()), ("$schedule", schedule.Id.ToString().ToUpperInvariant()),
            ("$started", SqliteText(run.StartedAtUtc)), ("$finished", SqliteText(run.FinishedAtUtc!.Value)), ("$token", run.RunToken),
            ("$to", run.WindowToEventRowId), ("$rows", run.Rows));
        return (integration, schedule, run);
    }

    private static string SqliteText(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> MasterRowsAsync(string where)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM sqlite_master WHERE {where}";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public void Dispose() => portal.Dispose();
}
