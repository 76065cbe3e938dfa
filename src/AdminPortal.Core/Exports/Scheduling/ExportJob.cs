using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// The Quartz job of one scheduled export (its key is the schedule's id). Never two at once for one schedule;
/// requests recovery, so a run cut short by the process dying is fired again when the portal starts. The schedule's
/// row decides: a paused schedule's firing is skipped, a deleted schedule's job removes itself.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExportJob(ExportEngine engine, IDbContextFactory<PortalDbContext> dbFactory, IOptions<ExportOptions> options,
    TimeProvider clock, ILogger<ExportJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.JobDetail.Key.Name, out var scheduleId))
        {
            logger.LogWarning("Quartz job {JobKey} is not a scheduled export; ignored", context.JobDetail.Key);
            return;
        }

        bool? paused;
        DateTime? lastScheduledStart;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            paused = await db.ScheduledExports.Where(s => s.Id == scheduleId).Select(s => (bool?)s.Paused).SingleOrDefaultAsync(cancellationToken);
            lastScheduledStart = await db.ExportRuns.Where(r => r.ScheduleId == scheduleId && r.Trigger == ExportTrigger.Scheduled)
                .OrderByDescending(r => r.StartedAtUtc).Select(r => (DateTime?)r.StartedAtUtc).FirstOrDefaultAsync(cancellationToken);
        }

        if (paused is null)
        {
            logger.LogInformation("Scheduled export {ScheduleId} no longer exists; removing its job", scheduleId);
            await context.Scheduler.DeleteJob(context.JobDetail.Key, cancellationToken);
            return;
        }

        if (paused is true)
        {
            logger.LogDebug("Scheduled export {ScheduleId} is paused; firing skipped", scheduleId);
            return;
        }

        // A schedule saved before Exports:MinimumIntervalMinutes (a "* * * * * ?" cron) is not run sooner than that; the
        // 90% leaves room for firings that start a little late once and on time the next.
        var minimum = TimeSpan.FromMinutes(options.Value.MinimumIntervalMinutes * 0.9);
        if (!context.Recovering && lastScheduledStart is { } last && clock.GetUtcNow().UtcDateTime - last < minimum)
        {
            logger.LogWarning("Scheduled export {ScheduleId} fired {Minutes:0.#} minutes after its last run, under Exports:MinimumIntervalMinutes; firing skipped",
                scheduleId, (clock.GetUtcNow().UtcDateTime - last).TotalMinutes);
            return;
        }

        // A run of this schedule left Running by a dead node would refuse this firing; Quartz recovers a dead node's job
        // only after removing the node from its check-ins, so such a run is found orphaned here.
        await engine.MarkInterruptedRunsAsync(cancellationToken);
        try
        {
            var trigger = context.Recovering ? ExportTrigger.Retry : ExportTrigger.Scheduled;
            await engine.RunAsync(scheduleId, trigger, triggeredBy: null, progress: null, cancellationToken);
        }
        catch (ExportAlreadyRunningException e)
        {
            // Send now is running it: this firing is skipped, the next one exports whatever is new.
            logger.LogInformation("Scheduled firing of {ScheduleId} skipped: {Reason}", scheduleId, e.Message);
        }
    }
}
