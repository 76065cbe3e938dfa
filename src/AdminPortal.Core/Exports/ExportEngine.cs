using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Runs one export: takes the window (<see cref="ExportRunWindow"/>), delivers its objects and manifest
/// (<see cref="ExportDelivery"/>), and only then, in one transaction, records the run and moves the watermark
/// (<see cref="ExportRunRecorder"/>). A failed window is retried with the same bounds, so it writes the same names.
/// </summary>
public sealed class ExportEngine(
    IDbContextFactory<PortalDbContext> dbFactory,
    ExportRunWindow windows,
    ExportDelivery delivery,
    ExportRunRecorder recorder,
    ExportRunIntegration integration,
    ExportRunsInFlight inFlight,
    IExportNotifier notifier,
    IOptions<ExportOptions> options,
    ILogger<ExportEngine> logger)
{
    /// <summary>
    /// Runs the schedule now and returns the finished run (Succeeded, Failed or Interrupted); null when the schedule no
    /// longer exists. Throws <see cref="ExportAlreadyRunningException"/> when a run of it is going.
    /// </summary>
    public async Task<ExportRun?> RunAsync(Guid scheduleId, ExportTrigger trigger, string? triggeredBy = null,
        IProgress<ExportProgress>? progress = null, CancellationToken ct = default)
    {
        var started = await StartAsync(scheduleId, trigger, triggeredBy, progress, ct);
        return started is null ? null : await started.Finished;
    }

    /// <summary>
    /// Starts a run and returns once its row is stored (Running), with the task of the rest of the run, which goes on
    /// under <paramref name="ct"/> alone; null when the schedule no longer exists. Throws
    /// <see cref="ExportAlreadyRunningException"/> when a run of it is going.
    /// </summary>
    public async Task<StartedExportRun?> StartAsync(Guid scheduleId, ExportTrigger trigger, string? triggeredBy = null,
        IProgress<ExportProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.ScheduledExports.Where(s => s.Id == scheduleId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        // The Running row first, then the window, in one transaction: the window is read only once this run holds the
        // schedule's one running slot (IX_ExportRuns_OneRunning), so it always starts from the watermark and the last
        // run as a finished run left them. Taken the other way round, a run finishing in between left this one a stale
        // watermark: it exported that run's events again and then failed on the watermark check.
        await using var transaction = await db.Database.BeginWriteAsync(ct);
        var run = windows.NewRun(scheduleId, trigger, triggeredBy);
        run.OwnerNode = recorder.Node;
        await ExportRunRecorder.InsertRunningAsync(db, name, run, ct);

        var schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is null)
        {
            return null; // deleted meanwhile: disposing the transaction takes the row back
        }

        var element = await db.TableElements.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == schedule.TableElementId && e.WorkbookId == schedule.WorkbookId, ct);
        var previous = await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == scheduleId && r.Id != run.Id)
            .OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(ct);
        var state = ExplorerState.FromJson(element?.StateJson);
        await windows.TakeAsync(run, schedule, state, previous, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var started = new StartedExportRun(run.Id, Task.Run(() => FinishAsync(schedule, element, state, run, progress, ct), CancellationToken.None));
        inFlight.Track(started);
        return started;
    }

    private async Task<ExportRun> FinishAsync(ScheduledExport schedule, Workbooks.TableElement? element, ExplorerState state,
        ExportRun run, IProgress<ExportProgress>? progress, CancellationToken ct)
    {
        var committed = new List<string>();
        ConnectionTestResult? connection;
        try
        {
            if (element is null)
            {
                throw new ExportSetupException("The table element this export reads no longer exists in its workbook: edit the export and choose an element.");
            }

            using var destination = await integration.OpenAsync(schedule.IntegrationId, ct);
            if (destination.Storage is not { } storage)
            {
                throw new ExportSetupException(destination.Problem ?? "The storage integration cannot be opened.");
            }

            var context = new ExportRunContext(schedule, run, ExportUriTemplate.FromStored(schedule.UriTemplate),
                ExportSerializer.ColumnsFor(state.Columns, schedule.IncludeIdentityColumns), ExportRunWindow.Of(run, state), storage, progress, options.Value);
            var manifest = await delivery.DeliverAsync(context, committed, ct);
            await recorder.SucceedAsync(schedule, run, manifest, ct);
            // Objects and a manifest stored and listed back prove the connection; a run with nothing new touched nothing.
            connection = manifest is null ? null : ConnectionTestResult.Succeeded;
        }
        catch (Exception ex)
        {
            connection = recorder.Fail(schedule, run, ex, interrupted: ct.IsCancellationRequested);
            // Removed while the row still says Running: a next run of the window cannot start and have its objects deleted.
            await delivery.RemoveAsync(schedule, run, committed);
            await recorder.SaveEndAsync(run);
        }

        await integration.RecordConnectionAsync(schedule, run, connection);
        await recorder.AuditAsync(schedule, run);
        try
        {
            await notifier.RunFinishedAsync(schedule, run, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Telling of the end of export run {RunId} failed", run.Id);
        }

        return run;
    }

    /// <summary>
    /// Runs left Running by a node that is gone become Interrupted: at start (a portal that stopped), before each
    /// scheduled firing, and every check-in interval on PostgreSQL (a node of the cluster that died). Their windows are
    /// exported again by the next run of each schedule, under the same names.
    /// </summary>
    public Task<int> MarkInterruptedRunsAsync(CancellationToken ct = default) => recorder.MarkInterruptedAsync(ct);
}
