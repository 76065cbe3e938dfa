using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// The Quartz job of one scheduled export (its key is the schedule's id). Never two at once for one schedule;
/// requests recovery, so a run cut short by the process dying is fired again when the portal starts.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExportJob(ExportEngine engine, ILogger<ExportJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.JobDetail.Key.Name, out var scheduleId))
        {
            logger.LogWarning("Quartz job {JobKey} is not a scheduled export; ignored", context.JobDetail.Key);
            return;
        }

        try
        {
            var trigger = context.Recovering ? ExportTrigger.Retry : ExportTrigger.Scheduled;
            var run = await engine.RunAsync(scheduleId, trigger, "scheduler", progress: null, cancellationToken);
            if (run is null)
            {
                logger.LogInformation("Scheduled export {ScheduleId} no longer exists; its job fired once more", scheduleId);
            }
        }
        catch (ExportAlreadyRunningException e)
        {
            // Send now is running it: this firing is skipped, the next one exports whatever is new.
            logger.LogInformation("Scheduled firing of {ScheduleId} skipped: {Reason}", scheduleId, e.Message);
        }
    }
}
