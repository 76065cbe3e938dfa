using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Which events a new run takes: the window after the watermark (incremental) or the element's time range (snapshot),
/// up to the newest row when it starts; or, when the last run failed on a window the watermark has not passed, that
/// very window and <c>{run}</c> token, so the retry writes the same names.
/// </summary>
public sealed class ExportRunWindow(IExportEventSource source, TimeProvider clock)
{
    /// <summary>A new Running run of <paramref name="schedule"/> with its window and token, not yet stored.</summary>
    public async Task<ExportRun> NewRunAsync(ScheduledExport schedule, ExplorerState state, ExportRun? previous,
        ExportTrigger trigger, string? triggeredBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new ExportRun
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ScheduleId = schedule.Id,
            Trigger = trigger,
            Status = ExportRunStatus.Running,
            TriggeredBy = triggeredBy,
            StartedAtUtc = now,
        };

        if (RetriedRun(schedule, previous) is { } failed)
        {
            // The same window as the failed run, so the same object names: what it left is overwritten, never doubled.
            run.RunToken = failed.RunToken;
            run.WindowAfterEventRowId = failed.WindowAfterEventRowId;
            run.WindowAfterIngestedAtUtc = failed.WindowAfterIngestedAtUtc;
            run.WindowToEventRowId = failed.WindowToEventRowId;
            run.WindowToIngestedAtUtc = failed.WindowToIngestedAtUtc;
            run.WindowFromEventTimeUtc = failed.WindowFromEventTimeUtc;
            run.WindowToEventTimeUtc = failed.WindowToEventTimeUtc;
            return run;
        }

        var (newest, newestIngestedAt) = await source.NewestAsync(AuditSql.FtsQuery(state.Search) is not null, ct);
        if (schedule.Mode == ExportMode.Incremental)
        {
            var after = schedule.WatermarkEventRowId;
            run.WindowAfterEventRowId = after;
            run.WindowAfterIngestedAtUtc = schedule.WatermarkIngestedAtUtc;
            // Never below the watermark: retention may have removed the newest rows' neighbours, never rows after it.
            run.WindowToEventRowId = Math.Max(newest, after ?? 0);
            run.WindowToIngestedAtUtc = newest >= (after ?? 0) ? newestIngestedAt : schedule.WatermarkIngestedAtUtc;
            run.RunToken = ExportRunTokens.Incremental(after ?? 0, run.WindowToEventRowId);
        }
        else
        {
            var (from, to) = state.Window(now);
            run.WindowToEventRowId = newest;
            run.WindowToIngestedAtUtc = newestIngestedAt;
            run.WindowFromEventTimeUtc = from;
            run.WindowToEventTimeUtc = to;
            run.RunToken = ExportRunTokens.Snapshot(now, newest);
        }

        return run;
    }

    /// <summary>The events the run reads: its stored bounds with the element's search and filters.</summary>
    public static ExportWindow Of(ExportRun run, ExplorerState state) => new(
        run.WindowAfterEventRowId, run.WindowToEventRowId, run.WindowFromEventTimeUtc, run.WindowToEventTimeUtc,
        state.Search, state.Filters);

    /// <summary>The last run, when it failed on a window the watermark has not passed: the next run takes that window again.</summary>
    private static ExportRun? RetriedRun(ScheduledExport schedule, ExportRun? previous) =>
        previous is { Status: ExportRunStatus.Failed or ExportRunStatus.Interrupted, RunToken.Length: > 0 }
        && (schedule.Mode == ExportMode.Incremental
            ? previous.RunToken.StartsWith('i') && previous.WindowAfterEventRowId == schedule.WatermarkEventRowId
            : previous.RunToken.StartsWith('s'))
            ? previous
            : null;
}
