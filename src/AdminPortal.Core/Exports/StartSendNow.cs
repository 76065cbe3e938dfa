using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Users;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Send now without waiting for the end (the API's): the schedule's run starts, its id comes back as soon as its row is
/// stored, and the run goes on after the caller has gone; its status and progress are read with <see cref="GetExportRun"/>.
/// Who may: as <see cref="ScheduledExportService.SendNowAsync"/>. Throws <see cref="ExportAlreadyRunningException"/>.
/// </summary>
public sealed class StartSendNow(
    ScheduledExportService schedules,
    ExportEngine engine,
    IHostApplicationLifetime lifetime,
    ILogger<StartSendNow> logger)
{
    public const string NotFoundMessage = "That export schedule no longer exists, or it is not yours.";

    public async Task<Result<Guid>> HandleAsync(ClaimsPrincipal user, Guid scheduleId, CancellationToken ct = default)
    {
        var schedule = await schedules.GetAsync(user, scheduleId, ct);
        // Only the portal stopping cuts the run short, not the request's end: it is then Interrupted and its window exported again.
        var started = schedule is null ? null
            : await engine.StartAsync(schedule.Id, ExportTrigger.Manual, user.ActorName(), progress: null, lifetime.ApplicationStopping);
        if (started is null)
        {
            return Result<Guid>.NotFound(NotFoundMessage);
        }

        // Nobody awaits the run: what it could not record itself is at least logged.
        _ = started.Finished.ContinueWith(
            run => logger.LogError(run.Exception, "Export run {RunId} of schedule {ScheduleId} ended with an error", started.RunId, scheduleId),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return Result.Ok(started.RunId);
    }
}
