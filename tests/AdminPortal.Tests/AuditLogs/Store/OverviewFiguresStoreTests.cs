using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>
/// The overview's reads of AUDIT_LOGS on each provider (<see cref="SqliteOverviewFiguresStoreTests"/>,
/// <see cref="PostgreSqlOverviewFiguresStoreTests"/>, partitioned by month): the ingestion rate by its binary search
/// over the primary key, and the exports holding events past retention.
/// </summary>
public abstract class OverviewFiguresStoreTests(DatabaseProvider provider) : StoreOnProvider(provider)
{
    private static readonly DateTime Now = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_ingestion_rate_counts_by_ingestion_time_across_months_of_event_time()
    {
        // 1,000 events stored a day ago, 300 in the last hour (event times two months back: other partitions on
        // PostgreSQL), the last 7 of them 3 minutes ago.
        await StoreAsync("old", 1000, ingestedAt: Now.AddDays(-1), eventTime: Now.AddDays(-1));
        await StoreAsync("backfill", 293, ingestedAt: Now.AddMinutes(-40), eventTime: Now.AddMonths(-2));
        await StoreAsync("fresh", 7, ingestedAt: Now.AddMinutes(-3), eventTime: Now.AddMinutes(-3));
        await using var db = Database.NewContext();

        var rate = await ReadIngestionRate.ReadAsync(db, Now, CancellationToken.None);

        Assert.Equal(new IngestionRate(300, false, 7, Now.AddMinutes(-3)), rate);
        Assert.Equal(new IngestionRate(0, false, 0, Now.AddMinutes(-3)), await ReadIngestionRate.ReadAsync(db, Now.AddHours(2), CancellationToken.None));
        Assert.Equal(new IngestionRate(0, false, 0, null), await ReadIngestionRate.ReadAsync(await EmptyAsync(db), Now, CancellationToken.None));
    }

    [Fact]
    public async Task Only_enabled_incremental_exports_with_an_undelivered_event_older_than_the_cutoff_hold_retention()
    {
        await StoreAsync("ancient", 3, ingestedAt: Now.AddHours(-2), eventTime: Now.AddDays(-45));
        await StoreAsync("recent", 3, ingestedAt: Now.AddHours(-1), eventTime: Now.AddHours(-1));
        await using var db = Database.NewContext();
        var newest = await db.AuditEvents.MaxAsync(e => e.Id);
        var workbook = new Workbook { Name = "SOC", Folder = "", OwnerId = "owner", OwnerEmail = "owner@example.test", CreatedAtUtc = Now, UpdatedAtUtc = Now };
        db.Workbooks.Add(workbook);
        await db.SaveChangesAsync();
        db.ScheduledExports.AddRange(
            Schedule(workbook.Id, "Never ran", watermark: null),
            Schedule(workbook.Id, "Delivered all", watermark: newest),
            Schedule(workbook.Id, "Paused", watermark: null, paused: true),
            Schedule(workbook.Id, "Full snapshot", watermark: null, mode: ExportMode.FullSnapshot));
        await db.SaveChangesAsync();

        var holds = await ListRetentionHolds.HoldsAsync(db, Now.AddDays(-30), CancellationToken.None);

        var hold = Assert.Single(holds);
        Assert.Equal(("Never ran", Now.AddDays(-45)), (hold.ScheduleName, hold.OldestUndeliveredUtc));
        Assert.Empty(await ListRetentionHolds.HoldsAsync(db, Now.AddDays(-60), CancellationToken.None));
    }

    private async Task StoreAsync(string prefix, int count, DateTime ingestedAt, DateTime eventTime)
    {
        var events = Enumerable.Range(0, count).Select(i =>
        {
            var e = AuditStoreTests.Event($"{prefix}-{i:D5}", eventTime.AddSeconds(i));
            e.IngestedAtUtc = ingestedAt;
            return e;
        }).ToList();
        Assert.Equal(count, (await Get<AuditEventWriter>().StoreAsync(events)).Stored);
    }

    private static async Task<PortalDbContext> EmptyAsync(PortalDbContext db)
    {
        await db.AuditEvents.ExecuteDeleteAsync();
        return db;
    }

    private static ScheduledExport Schedule(int workbookId, string name, long? watermark, bool paused = false, ExportMode mode = ExportMode.Incremental) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        WorkbookId = workbookId,
        IntegrationId = Guid.NewGuid(),
        OwnerId = "owner",
        OwnerEmail = "owner@example.test",
        UriTemplate = "events-{run}-{part}.csv",
        Mode = mode,
        FrequencyKind = ExportFrequencyKind.EveryHours,
        EveryHours = 24,
        Paused = paused,
        WatermarkEventRowId = watermark,
        CreatedAtUtc = Now,
        UpdatedAtUtc = Now,
    };
}
