using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Which events a new run takes: the window after the watermark (incremental; the first one, without a watermark, in the
/// element's time range unless the schedule says all retained events) or the element's time range (snapshot), up to the
/// newest row when it starts; or, when the last run failed on a window the watermark has not passed, that
/// very window and <c>{run}</c> token, so the retry writes the same names.
/// </summary>
public sealed class ExportRunWindow(IExportEventSource source, TimeProvider clock)
{
    /// <summary>A new Running run of a schedule, without its window yet (see <see cref="TakeAsync"/>).</summary>
    public ExportRun NewRun(Guid scheduleId, ExportTrigger trigger, string? triggeredBy)
    {
        var now = clock.GetUtcNow();
        return new ExportRun
        {
            Id = Guid.CreateVersion7(now),
            ScheduleId = scheduleId,
            Trigger = trigger,
            Status = ExportRunStatus.Running,
            TriggeredBy = triggeredBy,
            StartedAtUtc = now.UtcDateTime,
        };
    }

    /// <summary>
    /// Sets the window and token of <paramref name="run"/> from the schedule's watermark and its <paramref name="previous"/>
    /// run, read once the run holds the schedule's running slot.
    /// </summary>
    public async Task TakeAsync(ExportRun run, ScheduledExport schedule, ExplorerState state, ExportRun? previous, CancellationToken ct)
    {
        var now = run.StartedAtUtc;
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
            return;
        }

        var (newest, newestIngestedAt) = await source.NewestAsync(AuditSql.FtsQuery(state.Search) is not null, ct);
        if (schedule.Mode == ExportMode.Incremental)
        {
            var after = schedule.WatermarkEventRowId;
            (run.WindowFromEventTimeUtc, run.WindowToEventTimeUtc) = EventTimeRange(schedule.Mode, schedule.FirstRun, after, state, now);
            run.WindowAfterEventRowId = after;
            run.WindowAfterIngestedAtUtc = schedule.WatermarkIngestedAtUtc;
            // Never below the watermark: retention may have removed the newest rows' neighbours, never rows after it.
            run.WindowToEventRowId = Math.Max(newest, after ?? 0);
            run.WindowToIngestedAtUtc = newest >= (after ?? 0) ? newestIngestedAt : schedule.WatermarkIngestedAtUtc;
            run.RunToken = ExportRunTokens.Incremental(after ?? 0, run.WindowToEventRowId);
        }
        else
        {
            var (from, to) = EventTimeRange(schedule.Mode, schedule.FirstRun, after: null, state, now);
            run.WindowToEventRowId = newest;
            run.WindowToIngestedAtUtc = newestIngestedAt;
            run.WindowFromEventTimeUtc = from;
            run.WindowToEventTimeUtc = to;
            run.RunToken = ExportRunTokens.Snapshot(now, newest);
        }
    }

    /// <summary>
    /// The event-time range a run takes besides its row ids: a snapshot's is the element's range as it means at
    /// <paramref name="nowUtc"/>; an incremental export's first run (no watermark yet) takes it too unless the schedule
    /// says all retained events; later incremental runs take every event ingested since, whatever its time, so an event
    /// that arrives late is still delivered. The form's estimate of the next run reads the same range.
    /// </summary>
    public static (DateTime? From, DateTime? To) EventTimeRange(ExportMode mode, ExportFirstRun firstRun, long? after, ExplorerState state, DateTime nowUtc) =>
        mode == ExportMode.FullSnapshot || (after is null && firstRun == ExportFirstRun.WorkbookRange)
            ? state.Window(nowUtc)
            : (null, null);

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
