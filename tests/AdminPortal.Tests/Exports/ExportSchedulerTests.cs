using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Exports.Scheduling;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AdminPortal.Tests.Exports;

/// <summary>Quartz's persistent store in the portal's SQLite file: triggers follow the schedules, a missed window runs once.</summary>
[Collection(ExportsCollection.Name)]
public sealed class ExportSchedulerTests(StoragePeers peers, ExportsPortal portal)
{
    private async Task<IScheduler> QuartzAsync() => await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    private async Task<Guid> ScheduleAsync(string family, ExportFrequencyKind kind = ExportFrequencyKind.EveryHours)
    {
        var integration = await portal.IntegrationAsync(peers, "s3", $"s3_{family}", $"exports/{family}/");
        var (workbook, element) = await portal.WorkbookAsync(family);
        return await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook,
            TableElementId = element,
            IntegrationId = integration,
            UriTemplate = "audit/{yyyy}/{MM}/{dd}/x-{run}-{part}.jsonl",
            Format = ExportFormat.JsonLines,
            Gzip = false,
            FrequencyKind = kind,
            EveryHours = 2,
            TimeOfDay = new TimeOnly(3, 0),
            TimeZoneId = "Europe/Paris",
        });
    }

    [Fact]
    public async Task A_new_schedule_is_stored_in_Quartzs_tables_in_the_portal_database_with_its_next_run()
    {
        var id = await ScheduleAsync("sched_stored", ExportFrequencyKind.Daily);

        var next = await NextFireAsync(id);

        Assert.Equal(ExportCron.NextRun(await portal.ScheduleRowAsync(id), DateTimeOffset.UtcNow), next);
        Assert.Equal(1L, await ScalarAsync($"SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = '{id:D}' AND TRIGGER_GROUP = 'exports'"));
        var summary = Assert.Single(await portal.Schedules.ListAsync(Principals.Admin(), (await portal.ScheduleRowAsync(id)).WorkbookId));
        Assert.Equal(next, summary.NextRunUtc);
    }

    [Fact]
    public async Task Editing_the_frequency_moves_the_trigger_and_deleting_removes_the_job()
    {
        var id = await ScheduleAsync("sched_edit", ExportFrequencyKind.Daily);
        var row = await portal.ScheduleRowAsync(id);

        await portal.Schedules.UpdateAsync(Principals.Admin(), id, Command(row) with { FrequencyKind = ExportFrequencyKind.Cron, Cron = "0 15 4 ? * MON" });
        var moved = await NextFireAsync(id);
        await portal.Schedules.DeleteAsync(Principals.Admin(), id);

        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTime(moved!.Value, ExportCron.ZoneOf(row)).DayOfWeek);
        Assert.Null(await NextFireAsync(id));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = '{id:D}'"));
    }

    [Fact]
    public async Task After_downtime_across_three_firings_a_schedule_runs_once_not_three_times()
    {
        const string family = "sched_misfire";
        await portal.StoreEventsAsync(family, 30, DateTime.UtcNow.AddHours(-3), TimeSpan.FromHours(2));
        var id = await ScheduleAsync(family);
        var scheduler = await QuartzAsync();

        // "Down": nothing fires while the trigger's next firing is moved seven hours back (every 2 h: three missed).
        await scheduler.Standby(CancellationToken.None);
        var missed = DateTimeOffset.UtcNow.AddHours(-7);
        await ExecuteAsync($"UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = {missed.UtcTicks} WHERE TRIGGER_NAME = '{id:D}'");
        using var firings = JobFinishedListener.Watch(scheduler, ExportScheduler.JobKeyOf(id));
        await scheduler.Start(CancellationToken.None);

        await SettledAsync(id, firings, TimeSpan.FromSeconds(30));
        var runs = await RunsAsync(id);

        var run = Assert.Single(runs);
        Assert.Equal(ExportTrigger.Scheduled, run.Trigger);
        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Equal(30, run.Rows);
        Assert.True(await NextFireAsync(id) > DateTimeOffset.UtcNow, "the trigger proceeds to its next firing in the future");
    }

    [Fact]
    public async Task A_paused_schedule_is_skipped_when_its_trigger_fires()
    {
        const string family = "sched_paused";
        await portal.StoreEventsAsync(family, 5, DateTime.UtcNow.AddHours(-1), TimeSpan.FromMinutes(30));
        var id = await ScheduleAsync(family);
        await portal.Schedules.PauseAsync(Principals.Admin(), id);
        var scheduler = await QuartzAsync();

        await JobFinishedListener.FireAsync(scheduler, ExportScheduler.JobKeyOf(id), TimeSpan.FromSeconds(30));

        Assert.Empty(await RunsAsync(id));
    }

    [Fact]
    public async Task A_firing_sooner_than_the_minimum_interval_after_the_last_scheduled_run_is_skipped()
    {
        // A schedule saved before Exports:MinimumIntervalMinutes may still carry a trigger that fires every second.
        const string family = "sched_throttle";
        await portal.StoreEventsAsync(family, 5, DateTime.UtcNow.AddHours(-1), TimeSpan.FromMinutes(30));
        var id = await ScheduleAsync(family);
        var scheduler = await QuartzAsync();
        await scheduler.TriggerJob(ExportScheduler.JobKeyOf(id), new JobDataMap(), CancellationToken.None);
        await WaitForRunsAsync(id, atLeast: 1, TimeSpan.FromSeconds(30));
        await portal.StoreEventsAsync(family, 5, DateTime.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(5), idPrefix: "later-");

        await JobFinishedListener.FireAsync(scheduler, ExportScheduler.JobKeyOf(id), TimeSpan.FromSeconds(30));

        var run = Assert.Single(await RunsAsync(id));
        Assert.Equal(ExportTrigger.Scheduled, run.Trigger);
    }

    private static ScheduleExportCommand Command(ScheduledExport s) => new()
    {
        Name = s.Name,
        WorkbookId = s.WorkbookId,
        TableElementId = s.TableElementId,
        IntegrationId = s.IntegrationId,
        UriTemplate = s.UriTemplate,
        Format = s.Format,
        Gzip = s.Gzip,
        Mode = s.Mode,
        FrequencyKind = s.FrequencyKind,
        EveryHours = s.EveryHours,
        TimeOfDay = s.TimeOfDay,
        Day = s.Day,
        TimeZoneId = s.TimeZoneId,
        Cron = s.Cron,
    };

    /// <summary>The next firing Quartz has stored for the schedule's trigger; null when there is none.</summary>
    private async Task<DateTimeOffset?> NextFireAsync(Guid id)
    {
        return (await (await QuartzAsync()).GetTrigger(ExportScheduler.TriggerKeyOf(id), CancellationToken.None))?.NextFireTimeUtc;
    }

    /// <summary>
    /// Waits until the schedule's job has fired and no firing is left to come now: none is executing and its trigger's
    /// next firing is in the future (a missed firing still owed would be in the past).
    /// </summary>
    private async Task SettledAsync(Guid id, JobFinishedListener firings, TimeSpan within)
    {
        for (var deadline = DateTime.UtcNow + within; ; await Task.Delay(100))
        {
            if (firings.Finished > 0 && firings.Idle && await NextFireAsync(id) > DateTimeOffset.UtcNow)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Firings of {id} were still due or running after {within.TotalSeconds:0} s");
        }
    }

    private async Task<List<ExportRun>> WaitForRunsAsync(Guid id, int atLeast, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var runs = await RunsAsync(id);
            if (runs.Count(r => r.Status != ExportRunStatus.Running) >= atLeast || DateTime.UtcNow > deadline)
            {
                return runs;
            }

            await Task.Delay(200);
        }
    }

    private async Task<List<ExportRun>> RunsAsync(Guid id)
    {
        await using var db = await portal.DbAsync();
        return await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == id).ToListAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={portal.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
