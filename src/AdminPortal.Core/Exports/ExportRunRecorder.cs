using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Cluster;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Keeps a run's row (<see cref="ExportRun"/>) true to the run: inserted Running, its progress and retries while it
/// goes, then Succeeded with the watermark in one transaction, or Failed / Interrupted with the cloud's text; and
/// audits how it ended.
/// </summary>
public sealed class ExportRunRecorder(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalAuditLog audit,
    ClusterMembers cluster,
    TimeProvider clock,
    ILogger<ExportRunRecorder> logger)
{
    private const string InterruptedText = "The portal stopped during this run; the next run exports its window again.";

    /// <summary>The node a run started here records as its owner (<see cref="ExportRun.OwnerNode"/>).</summary>
    public string Node => cluster.Self;

    /// <summary>
    /// Inserts the run as Running in <paramref name="db"/> (inside the caller's transaction); throws
    /// <see cref="ExportAlreadyRunningException"/> when a run of the schedule is going.
    /// </summary>
    public static async Task InsertRunningAsync(PortalDbContext db, string scheduleName, ExportRun run, CancellationToken ct)
    {
        db.ExportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // IX_ExportRuns_OneRunning: another run of this schedule is going (Send now while the scheduler runs it).
            throw new ExportAlreadyRunningException(scheduleName);
        }
    }

    /// <summary>Tells the caller and the run's row how far the run is, about every Exports:ProgressIntervalSeconds and after each object.</summary>
    internal async Task ReportProgressAsync(ExportRunContext context, long partRows, long partBytes, int part, string key, bool force)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!force && (now - context.LastProgressAt).TotalSeconds < context.Settings.ProgressIntervalSeconds)
        {
            return;
        }

        context.LastProgressAt = now;
        var rows = context.Rows + partRows;
        var bytes = context.Bytes + partBytes;
        (context.LastPart, context.LastObject) = (part, key);
        context.Progress?.Report(new ExportProgress(context.Run.Id, rows, bytes, part, key));
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.ExportRuns.Where(r => r.Id == context.Run.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ProgressRows, rows)
            .SetProperty(r => r.ProgressBytes, bytes)
            .SetProperty(r => r.ProgressPart, part)
            .SetProperty(r => r.ProgressUpdatedAtUtc, now)
            .SetProperty(r => r.Error, (string?)null)); // a retry that worked: the run goes on
    }

    /// <summary>
    /// While a run waits to try again, its row and the caller say so: the attempt to come, when, and the cloud's error
    /// (in the row's Error while it is Running; the run's end overwrites it). The row first, then the caller.
    /// </summary>
    internal async Task ReportRetryAsync(ExportRunContext context, ExportRetry retry)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retries = context.Run.Retries;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.ExportRuns.Where(r => r.Id == context.Run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Retries, retries)
                .SetProperty(r => r.Error, retry.Describe(now))
                .SetProperty(r => r.ProgressUpdatedAtUtc, now));
        }

        context.Progress?.Report(new ExportProgress(context.Run.Id, context.Rows, context.Bytes, context.LastPart, context.LastObject, retry));
    }

    /// <summary>Every object and the manifest are stored and verified: the run and the watermark are recorded together.</summary>
    public async Task SucceedAsync(ScheduledExport schedule, ExportRun run, ExportManifest? manifest, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginWriteAsync(ct);
        run.Status = ExportRunStatus.Succeeded;
        run.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        run.Rows = manifest?.Rows ?? 0;
        run.Bytes = manifest?.Bytes ?? 0;
        run.Objects = manifest?.Parts.Count ?? 0;
        run.ProgressRows = run.Rows;
        run.ProgressBytes = run.Bytes;
        run.ProgressPart = manifest?.Parts.Count ?? 0;
        run.ProgressUpdatedAtUtc = run.FinishedAtUtc;
        run.Error = null;
        db.ExportRuns.Update(run);
        if (schedule.Mode == ExportMode.Incremental)
        {
            var after = run.WindowAfterEventRowId;
            var moved = await db.ScheduledExports
                .Where(s => s.Id == schedule.Id && s.WatermarkEventRowId == after)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.WatermarkEventRowId, run.WindowToEventRowId)
                    .SetProperty(x => x.WatermarkIngestedAtUtc, run.WindowToIngestedAtUtc), ct);
            if (moved == 0)
            {
                // Deleted, or its watermark moved by another run: this run's objects stand, but it does not own the watermark.
                throw new ExportSetupException("The export's watermark changed during the run (the export was edited or deleted); its window will be checked again by the next run.");
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Marks the run Failed (or Interrupted) with the cloud's text and hint, in memory only: what it committed is removed
    /// before <see cref="SaveEndAsync"/> lets the next run of its window start. Returns the connection status the
    /// failure proves when the cloud refused the run for good (credentials, a missing bucket or container, a
    /// permission: the text and hint a connection test gives), else null.
    /// </summary>
    public ConnectionTestResult? Fail(ScheduledExport schedule, ExportRun run, Exception ex, bool interrupted)
    {
        var errorId = Guid.NewGuid().ToString("N")[..8];
        var cloud = ExportRetryPolicy.CloudErrorOf(ex);
        run.Status = interrupted ? ExportRunStatus.Interrupted : ExportRunStatus.Failed;
        run.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        run.Error = interrupted ? InterruptedText : cloud?.Message ?? ex.Message;
        run.ErrorHint = interrupted ? null
            : ex is ExportSetupException ? null
            : cloud is not null || CloudStorageErrors.IsTransient(ex) ? CloudStorageErrors.Hint(ex)
            : $"The portal's log has error {errorId}.";
        run.ManifestObjectName = null;
        if (interrupted)
        {
            logger.LogWarning("Export {ScheduleName}: run {RunId} stopped with the portal", schedule.Name, run.Id);
        }
        else
        {
            logger.LogError(ex, "Export {ScheduleName}: run {RunId} failed (error {ErrorId})", schedule.Name, run.Id, errorId);
        }

        return !interrupted && cloud is not null && !CloudStorageErrors.IsTransient(ex)
            ? new ConnectionTestResult(false, cloud.Message, run.ErrorHint)
            : null;
    }

    /// <summary>Stores how a failed run ended (<see cref="Fail"/>); from then on the schedule may run again.</summary>
    public async Task SaveEndAsync(ExportRun run)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginWriteAsync(CancellationToken.None);
        db.ExportRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Runs left Running by a node that is gone become Interrupted, each audited once: a run of a live node (this one
    /// or another that checks in) is left alone. Several nodes may sweep at once; the row's own Running status decides
    /// which one marks (and audits) it. A run's new status and its audit event commit together, in the audit store's
    /// transaction: an audit that cannot be written leaves the run Running for the next sweep, never Interrupted unsaid.
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct)
    {
        var live = await cluster.LiveAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var startedBefore = now - cluster.Grace;
        List<ExportRun> running;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            running = await db.ExportRuns.AsNoTracking().Where(r => r.Status == ExportRunStatus.Running).ToListAsync(ct);
        }

        var marked = 0;
        foreach (var run in running.Where(r => (r.OwnerNode is null || !live.Contains(r.OwnerNode)) && r.StartedAtUtc <= startedBefore))
        {
            await using var session = await audit.BeginAsync(ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.Database.SetDbConnection(session.Transaction.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(session.Transaction, ct);
            var updated = await db.ExportRuns.Where(r => r.Id == run.Id && r.Status == ExportRunStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ExportRunStatus.Interrupted)
                .SetProperty(r => r.FinishedAtUtc, now)
                .SetProperty(r => r.Error, InterruptedText), ct);
            if (updated == 0)
            {
                continue; // another node marked it, or it ended
            }

            (run.Status, run.FinishedAtUtc, run.Error) = (ExportRunStatus.Interrupted, now, InterruptedText);
            var schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.ScheduleId, ct);
            if (schedule is not null)
            {
                await audit.WriteAsync(session, AuditEntry(schedule, run), ct);
            }

            await session.CommitAsync(ct);
            marked++;
            logger.LogWarning("Export run {RunId} of node {Node} is marked Interrupted: the node is gone", run.Id, run.OwnerNode);
        }

        return marked;
    }

    public Task AuditAsync(ScheduledExport schedule, ExportRun run) => audit.WriteAsync(AuditEntry(schedule, run), CancellationToken.None);

    private static PortalAuditEntry AuditEntry(ScheduledExport schedule, ExportRun run)
    {
        var (code, label) = run.Status switch
        {
            ExportRunStatus.Succeeded => ("ExportRunSucceeded", "Export run succeeded"),
            ExportRunStatus.Interrupted => ("ExportRunInterrupted", "Export run interrupted"),
            _ => ("ExportRunFailed", "Export run failed"),
        };
        var details = run.Status == ExportRunStatus.Succeeded
            ? $"{run.Trigger} run {run.RunToken}: {run.Rows} rows, {run.Bytes} bytes, {run.Objects} objects; manifest {run.ManifestObjectName}"
            : $"{run.Trigger} run {run.RunToken}: {run.Error}";
        return new PortalAuditEntry(code, label, "export", "exports", run.TriggeredBy ?? "scheduler",
            run.Status == ExportRunStatus.Succeeded, AuditTargetType.Asset, schedule.Name, Details: details);
    }
}
