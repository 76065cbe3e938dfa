using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// Keeps Quartz's persistent store in step with the ScheduledExports table: one durable job and one cron trigger
/// per schedule. Pausing is the schedule row's business (the job skips a paused schedule), so the trigger keeps its
/// times and a resumed schedule does not catch up on what it skipped. After downtime a missed firing runs once (FireAndProceed),
/// however many were missed.
/// </summary>
public sealed class ExportScheduler(
    ISchedulerFactory schedulers,
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    ILogger<ExportScheduler> logger)
{
    public const string Group = "exports";

    public static JobKey JobKeyOf(Guid scheduleId) => new(scheduleId.ToString("D"), Group);

    public static TriggerKey TriggerKeyOf(Guid scheduleId) => new(scheduleId.ToString("D"), Group);

    /// <summary>Stores (or replaces) the schedule's job and trigger, after a create or an edit of its frequency.</summary>
    public async Task SyncAsync(ScheduledExport schedule, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var job = JobBuilder.Create<ExportJob>()
            .WithIdentity(JobKeyOf(schedule.Id))
            .WithDescription(schedule.Name)
            .StoreDurably(true)
            .RequestRecovery(true)
            .Build();
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(TriggerKeyOf(schedule.Id))
            .ForJob(job)
            .WithSchedule(CronScheduleBuilder.Create(ExportCron.For(schedule))
                .InTimeZone(ExportCron.ZoneOf(schedule))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartAt(clock.GetUtcNow())
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public async Task RemoveAsync(Guid scheduleId, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(JobKeyOf(scheduleId), ct);
    }

    /// <summary>
    /// At start: every schedule has its job (one created while Quartz was not storing is added) and no job outlives
    /// its schedule. Existing triggers are kept as stored, so their misfires are handled by Quartz.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.ScheduledExports.AsNoTracking().ToListAsync(ct);
        var known = schedules.Select(s => s.Id.ToString("D")).ToHashSet();
        foreach (var schedule in schedules)
        {
            if (!await scheduler.Exists(TriggerKeyOf(schedule.Id), ct))
            {
                logger.LogInformation("Scheduling export {ScheduleId} that had no trigger", schedule.Id);
                await SyncAsync(schedule, ct);
            }
        }

        var jobs = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(Group), Take = PagedQuery.All }, ct);
        foreach (var orphan in jobs.Items.Select(j => j.Key).Where(k => !known.Contains(k.Name)))
        {
            logger.LogInformation("Removing the Quartz job of deleted export {ScheduleId}", orphan.Name);
            await scheduler.DeleteJob(orphan, ct);
        }
    }
}
