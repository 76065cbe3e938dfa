using AdminPortal.Core.Exports;
using AdminPortal.Core.Security;
using AdminPortal.Core.Workbooks;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>Schedules and runs written straight into a test database, as a node's engine would have left them.</summary>
public static class ClusterRows
{
    public static async Task<ScheduledExport> ScheduleAsync(TestDatabase database, string name)
    {
        await using var db = database.NewContext();
        var now = DateTime.UtcNow;
        var workbook = new Workbook { Name = name, OwnerId = "u", OwnerEmail = "u@example.test", CreatedAtUtc = now, UpdatedAtUtc = now };
        db.Workbooks.Add(workbook);
        await db.SaveChangesAsync();
        var schedule = new ScheduledExport
        {
            Id = Guid.CreateVersion7(), Name = name, WorkbookId = workbook.Id, IntegrationId = Guid.CreateVersion7(), OwnerId = "u", OwnerEmail = "u@example.test",
            UriTemplate = "exports/{run}-{part}.csv", Format = ExportFormat.Csv, Mode = ExportMode.Incremental, FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(3, 30), TimeZoneId = "UTC", CreatedAtUtc = now, UpdatedAtUtc = now, CreatedBy = "u@example.test",
        };
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync();
        return schedule;
    }

    public static ExportRun NewRun(ScheduledExport schedule, string? owner, TimeSpan startedAgo) => new()
    {
        Id = Guid.CreateVersion7(), ScheduleId = schedule.Id, Trigger = ExportTrigger.Scheduled, Status = ExportRunStatus.Running,
        OwnerNode = owner, StartedAtUtc = DateTime.UtcNow - startedAgo, RunToken = "i0-1",
    };

    public static async Task InsertAsync(TestDatabase database, params ExportRun[] runs)
    {
        await using var db = database.NewContext();
        db.ExportRuns.AddRange(runs);
        await db.SaveChangesAsync();
    }

    public static async Task<ExportRunStatus> StatusAsync(TestDatabase database, ExportRun run)
    {
        await using var db = database.NewContext();
        return (await db.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id)).Status;
    }

    public static async Task<int> AuditedAsync(TestDatabase database, string scheduleName, string code)
    {
        await using var db = database.NewContext();
        return await db.AuditEvents.CountAsync(e => e.Family == PortalAuditLog.Family && e.TargetName == scheduleName && e.Code == code);
    }
}
