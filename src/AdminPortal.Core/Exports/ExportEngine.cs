using System.IO.Compression;
using System.IO.Pipelines;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Runs one export: takes the window, streams its events (keyset batches, serializer, gzip, upload) into one object per
/// time partition and part, verifies each object, writes the manifest last, and only then, in one transaction, records
/// the run and moves the watermark. A failed window is retried with the same bounds, so it writes the same names.
/// </summary>
public sealed class ExportEngine(
    IDbContextFactory<PortalDbContext> dbFactory,
    ExportEventSource source,
    IExportDestinations destinations,
    PortalAuditLog audit,
    IExportNotifier notifier,
    Integrations.IntegrationConnectionStatus connectionStatus,
    IOptions<ExportOptions> options,
    TimeProvider clock,
    ILogger<ExportEngine> logger)
{
    private const string InterruptedText = "The portal stopped during this run; the next run exports its window again.";

    /// <summary>
    /// Runs the schedule now and returns the finished run (Succeeded, Failed or Interrupted); null when the schedule no
    /// longer exists. Throws <see cref="ExportAlreadyRunningException"/> when a run of it is going.
    /// </summary>
    public async Task<ExportRun?> RunAsync(Guid scheduleId, ExportTrigger trigger, string? triggeredBy = null,
        IProgress<ExportProgress>? progress = null, CancellationToken ct = default)
    {
        var settings = options.Value;
        ScheduledExport? schedule;
        Workbooks.TableElement? element;
        ExportRun? previous;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
            if (schedule is null)
            {
                return null;
            }

            element = await db.TableElements.AsNoTracking()
                .SingleOrDefaultAsync(e => e.Id == schedule.TableElementId && e.WorkbookId == schedule.WorkbookId, ct);
            previous = await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == scheduleId)
                .OrderByDescending(r => r.StartedAtUtc).FirstOrDefaultAsync(ct);
        }

        var state = ExplorerState.FromJson(element?.StateJson);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = await StartRunAsync(schedule, state, previous, trigger, triggeredBy, now, ct);
        var uploaded = new List<string>();
        ConnectionTestResult? connection;
        try
        {
            if (element is null)
            {
                throw new ExportSetupException("The table element this export reads no longer exists in its workbook: edit the export and choose an element.");
            }

            using var destination = await destinations.OpenAsync(schedule.IntegrationId, ct);
            if (destination.Storage is not { } storage)
            {
                throw new ExportSetupException(destination.Problem ?? "The storage integration cannot be opened.");
            }

            var context = new RunContext(schedule, run, ExportUriTemplate.FromStored(schedule.UriTemplate),
                ExportSerializer.ColumnsFor(state.Columns), WindowOf(run, state), storage, progress, settings);
            var manifest = await ExportAsync(context, uploaded, ct);
            await SucceedAsync(schedule, run, manifest, ct);
            // Objects and a manifest stored and listed back prove the connection; a run with nothing new touched nothing.
            connection = manifest is null ? null : ConnectionTestResult.Succeeded;
        }
        catch (Exception ex)
        {
            connection = await FailAsync(schedule, run, ex, uploaded, ct.IsCancellationRequested);
        }

        await RecordConnectionAsync(schedule, run, connection);
        await AuditAsync(schedule, run);
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
    /// Runs left Running by a portal that stopped become Interrupted (call once at start, before the scheduler runs
    /// anything). Their windows are exported again by the next run of each schedule, under the same names.
    /// </summary>
    public async Task<int> MarkInterruptedRunsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = await db.ExportRuns.Where(r => r.Status == ExportRunStatus.Running).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var run in running)
        {
            run.Status = ExportRunStatus.Interrupted;
            run.FinishedAtUtc = now;
            run.Error = InterruptedText;
        }

        await db.SaveChangesAsync(ct);
        foreach (var run in running)
        {
            var schedule = await db.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.ScheduleId, ct);
            if (schedule is not null)
            {
                await AuditAsync(schedule, run);
            }
        }

        return running.Count;
    }

    private async Task<ExportRun> StartRunAsync(ScheduledExport schedule, ExplorerState state, ExportRun? previous,
        ExportTrigger trigger, string? triggeredBy, DateTime now, CancellationToken ct)
    {
        var run = new ExportRun
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ScheduleId = schedule.Id,
            Trigger = trigger,
            Status = ExportRunStatus.Running,
            TriggeredBy = triggeredBy,
            StartedAtUtc = now,
        };

        if (RetriesWindow(schedule, previous) is { } failed)
        {
            // The same window as the failed run, so the same object names: what it left is overwritten, never doubled.
            run.RunToken = failed.RunToken;
            run.WindowAfterEventRowId = failed.WindowAfterEventRowId;
            run.WindowAfterIngestedAtUtc = failed.WindowAfterIngestedAtUtc;
            run.WindowToEventRowId = failed.WindowToEventRowId;
            run.WindowToIngestedAtUtc = failed.WindowToIngestedAtUtc;
            run.WindowFromEventTimeUtc = failed.WindowFromEventTimeUtc;
            run.WindowToEventTimeUtc = failed.WindowToEventTimeUtc;
        }
        else
        {
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
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ExportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // IX_ExportRuns_OneRunning: another run of this schedule is going (Send now while the scheduler runs it).
            throw new ExportAlreadyRunningException(schedule.Name);
        }

        return run;
    }

    /// <summary>The last run, when it failed on a window the watermark has not passed: the next run takes that window again.</summary>
    private static ExportRun? RetriesWindow(ScheduledExport schedule, ExportRun? previous) =>
        previous is { Status: ExportRunStatus.Failed or ExportRunStatus.Interrupted, RunToken.Length: > 0 }
        && (schedule.Mode == ExportMode.Incremental
            ? previous.RunToken.StartsWith('i') && previous.WindowAfterEventRowId == schedule.WatermarkEventRowId
            : previous.RunToken.StartsWith('s'))
            ? previous
            : null;

    private static ExportWindow WindowOf(ExportRun run, ExplorerState state) => new(
        run.WindowAfterEventRowId, run.WindowToEventRowId, run.WindowFromEventTimeUtc, run.WindowToEventTimeUtc,
        state.Search, state.Filters);

    private sealed record RunContext(
        ScheduledExport Schedule, ExportRun Run, ExportUriTemplate Template, IReadOnlyList<AuditColumn> Columns,
        ExportWindow Window, ICloudStorage Storage, IProgress<ExportProgress>? Progress, ExportOptions Settings)
    {
        public ExportRowShape Shape { get; } = ExportRowShape.For(Columns);

        public long Rows { get; set; }
        public long Bytes { get; set; }
        public DateTime LastProgressAt { get; set; }
        public int LastPart { get; set; }
        public string? LastObject { get; set; }
    }

    private sealed record WrittenPart(ExportManifestPart Part, ExportCursor End, DateTime PartitionStart, StagedUpload Upload);

    private async Task<ExportManifest?> ExportAsync(RunContext context, List<string> uploaded, CancellationToken ct)
    {
        var window = context.Window;
        var parts = new List<ExportManifestPart>();
        if (window.ToRowId <= (window.AfterRowId ?? 0) && context.Schedule.Mode == ExportMode.Incremental)
        {
            return null; // nothing was ingested since the last run: no objects, no manifest
        }

        var staged = new List<StagedUpload>();
        var committed = 0;
        try
        {
            var cursor = await source.StartAsync(window, ct);
            DateTime? lastPartition = null;
            var lastPart = 0;
            while (cursor is { } start)
            {
                var written = await WithRetriesAsync(context, "an object", () => WritePartAsync(context, start, lastPartition, lastPart, ct), ct);
                if (written is null)
                {
                    break;
                }

                staged.Add(written.Upload);
                parts.Add(written.Part);
                cursor = written.End;
                lastPartition = written.PartitionStart;
                lastPart = written.Part.Part;
            }

            // Every object's bytes are with the cloud: only now do they appear, one after the other in a moment, so a
            // run cut while writing (storage gone, portal stopped) leaves none of its objects visible.
            foreach (var upload in staged)
            {
                var result = await WithRetriesAsync(context, "committing an object", () => upload.CommitAsync(ct), ct);
                committed++;
                uploaded.Add(upload.Key);
                await WithRetriesAsync(context, "checking an object", () => VerifyAsync(context.Storage, upload.Key, result.Bytes, ct), ct);
            }
        }
        catch
        {
            foreach (var upload in staged.Skip(committed))
            {
                await upload.AbortAsync();
            }

            throw;
        }

        var manifest = new ExportManifest(
            1, context.Schedule.Id, context.Schedule.Name, context.Run.Id, context.Run.RunToken,
            context.Schedule.Mode.ToString(), context.Schedule.Format.ToString(), context.Schedule.Gzip,
            context.Columns.Select(c => c.Name).ToList(),
            new ExportManifestWindow(window.AfterRowId, context.Run.WindowAfterIngestedAtUtc, window.ToRowId, context.Run.WindowToIngestedAtUtc,
                window.FromEventTimeUtc, window.ToEventTimeUtc),
            clock.GetUtcNow().UtcDateTime, parts.Sum(p => p.Rows), parts.Sum(p => p.Bytes), parts);
        var key = context.Template.ManifestKey(context.Run.RunToken);
        var body = manifest.ToUtf8();
        var stored = await WithRetriesAsync(context, "the manifest", async () =>
        {
            using var content = new MemoryStream(body, writable: false);
            var result = await context.Storage.UploadAsync(key, content,
                new UploadOptions { ContentType = "application/json", PartSizeBytes = context.Settings.UploadChunkBytes }, ct);
            uploaded.Add(key);
            await VerifyAsync(context.Storage, key, result.Bytes, ct);
            return result;
        }, ct);
        context.Run.ManifestObjectName = stored.ObjectName;
        return manifest;
    }

    /// <summary>
    /// Writes one object: from the event after <paramref name="start"/>, the rows of its partition until the partition
    /// ends or the part is full. Deterministic for a window, so a retry writes the same bytes under the same name.
    /// </summary>
    private async Task<WrittenPart?> WritePartAsync(RunContext context, ExportCursor start, DateTime? lastPartition, int lastPart, CancellationToken ct)
    {
        var settings = context.Settings;
        using var reader = await source.ReadAsync(context.Window, context.Shape, start, settings.BatchSize, ct);
        if (!reader.Read(ct))
        {
            return null;
        }

        var first = ExportEventTime.FromUnixMs(reader.EventTimeMs);
        var partition = context.Template.PartitionStart(first);
        var partitionEnd = context.Template.PartitionEnd(partition) is { } endTime ? AuditEventWriter.ToUnixMs(endTime) : long.MaxValue;
        var number = partition == lastPartition ? lastPart + 1 : 1;
        var key = context.Template.Render(partition, context.Run.RunToken, number);
        var serializer = ExportSerializer.Create(context.Schedule.Format, context.Columns);
        var contentType = context.Schedule.Gzip ? "application/gzip" : serializer.ContentType;

        // The pipe holds at most a few chunks: when the upload waits on the network, reading waits too.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4 * ExportSerializer.ChunkBytes,
            resumeWriterThreshold: 2 * ExportSerializer.ChunkBytes, useSynchronizationContext: false));
        var upload = Task.Run(async () =>
        {
            try
            {
                await using var content = pipe.Reader.AsStream(leaveOpen: true);
                return await context.Storage.StageAsync(key, content,
                    new UploadOptions { ContentType = contentType, PartSizeBytes = settings.UploadChunkBytes }, ct);
            }
            finally
            {
                await pipe.Reader.CompleteAsync();
            }
        }, CancellationToken.None);

        await using var readAhead = new ExportReadAhead(reader, context.Columns, partitionEnd, settings.PartMaxRows, ct);
        var counting = new CountingStream(pipe.Writer.AsStream(leaveOpen: true));
        var sink = context.Schedule.Gzip ? new GZipStream(counting, CompressionLevel.Fastest, leaveOpen: true) : (Stream)counting;
        var flushAt = (int)Math.Min(ExportSerializer.ChunkBytes, Math.Max(256, settings.PartMaxBytes / 8));
        long rows = 0;
        var last = start;
        try
        {
            serializer.Begin();
            var full = false;
            while (!full && await readAhead.NextAsync(ct) is { } events)
            {
                while (events.MoveNext())
                {
                    serializer.Write(events.Current);
                    rows++;
                    last = events.Cursor;
                    if (serializer.PendingBytes >= flushAt)
                    {
                        await serializer.FlushToAsync(sink, ct);
                        await ThrowIfUploadEndedAsync(upload);
                        await ReportAsync(context, rows, counting.Written, number, key, force: false);
                    }

                    var size = counting.Written + (context.Schedule.Gzip ? 0 : serializer.PendingBytes);
                    if (rows >= settings.PartMaxRows || size >= settings.PartMaxBytes)
                    {
                        full = true; // the events read ahead past this one go to the next object
                        break;
                    }
                }
            }

            await readAhead.StopAsync();
            if (rows == 0)
            {
                // The cursor would not move and the run would write empty objects for ever: stop it with the reason.
                throw new InvalidOperationException(
                    $"The export could not place the event after row {start.RowId} (event time {reader.EventTimeMs} ms) in a partition of {context.Template.Text}.");
            }

            serializer.End();
            await serializer.FlushToAsync(sink, ct);
            if (sink is GZipStream gzip)
            {
                await gzip.DisposeAsync(); // writes the gzip trailer
            }

            await pipe.Writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The upload sees the writer's error as the end of its content and abandons the object (nothing visible).
            await pipe.Writer.CompleteAsync(ex);
            try
            {
                await upload;
            }
            catch (Exception)
            {
                // Observed; the error to report is the writer's, or the upload's that stopped it (ThrowIfUploadEndedAsync).
            }

            throw;
        }

        var result = await upload;
        try
        {
            await ReportAsync(context, rows, result.Bytes, number, key, force: true);
        }
        catch
        {
            await result.AbortAsync(); // the retry of this object stages it again
            throw;
        }

        context.Rows += rows;
        context.Bytes += result.Bytes;
        return new WrittenPart(
            new ExportManifestPart(result.ObjectName, key, context.Template.Grain == PartitionGrain.None ? null : partition, number,
                rows, result.Bytes, result.Sha256, first, ExportEventTime.FromUnixMs(last.EventTimeMs)),
            last, partition, result);
    }

    private static async Task ThrowIfUploadEndedAsync(Task<StagedUpload> upload)
    {
        if (upload.IsCompleted)
        {
            await upload; // throws the upload's error
            throw new InvalidOperationException("The upload ended before its content did.");
        }
    }

    /// <summary>The object is listed with the size that was sent (the clouds checked each chunk's MD5 on the way).</summary>
    private static async Task<bool> VerifyAsync(ICloudStorage storage, string key, long bytes, CancellationToken ct)
    {
        await foreach (var stored in storage.ListAsync(key, ct))
        {
            if (stored.Key == key)
            {
                if (stored.Size == bytes)
                {
                    return true;
                }

                throw new ExportVerificationException($"{stored.ObjectName} holds {stored.Size} bytes where {bytes} were uploaded.");
            }
        }

        throw new ExportVerificationException($"The uploaded object {key} is not listed by the storage.");
    }

    private async Task<T> WithRetriesAsync<T>(RunContext context, string what, Func<Task<T>> attempt, CancellationToken ct)
    {
        var settings = context.Settings;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (n < settings.MaxAttempts && !ct.IsCancellationRequested && IsTransient(ex))
            {
                var delay = Backoff(n, settings);
                context.Run.Retries++;
                logger.LogWarning(ex, "Export {ScheduleName}: writing {What} failed (attempt {Attempt} of {MaxAttempts}); next attempt in {DelayMs} ms",
                    context.Schedule.Name, what, n, settings.MaxAttempts, (long)delay.TotalMilliseconds);
                var error = Find<CloudStorageException>(ex)?.Message ?? ex.Message;
                await ReportRetryAsync(context, ExportRetry.After(n, settings.MaxAttempts, clock.GetUtcNow().UtcDateTime + delay, error));
                await Task.Delay(delay, clock, ct);
            }
        }
    }

    internal static bool IsTransient(Exception ex) =>
        ex is ExportVerificationException or SqliteException { SqliteErrorCode: 5 or 6 } || CloudStorageErrors.IsTransient(ex);

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retrying runs spread out.</summary>
    internal static TimeSpan Backoff(int failedAttempts, ExportOptions settings)
    {
        var step = Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, failedAttempts - 1));
        return TimeSpan.FromSeconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    /// <summary>Tells the caller and the run's row how far the run is, about every Exports:ProgressIntervalSeconds and after each object.</summary>
    private async Task ReportAsync(RunContext context, long partRows, long partBytes, int part, string key, bool force)
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
    private async Task ReportRetryAsync(RunContext context, ExportRetry retry)
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
    private async Task SucceedAsync(ScheduledExport schedule, ExportRun run, ExportManifest? manifest, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
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
    /// What the run proved about the integration's connection, recorded on it as a connection test would be: a refusal
    /// of the cloud's kind (credentials, missing bucket or container, permission) is its status, with the hint; a run
    /// that stored its manifest proves the connection. Throttling, outages and the portal's own errors say nothing of it.
    /// </summary>
    private async Task RecordConnectionAsync(ScheduledExport schedule, ExportRun run, ConnectionTestResult? result)
    {
        if (result is null)
        {
            return;
        }

        try
        {
            await connectionStatus.RecordAsync(schedule.IntegrationId, result, $"export \"{schedule.Name}\" run {run.RunToken}", CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording the connection status export run {RunId} found failed", run.Id);
        }
    }

    /// <summary>Records the failed run; returns the connection status it proves when the cloud refused it for good, else null.</summary>
    private async Task<ConnectionTestResult?> FailAsync(ScheduledExport schedule, ExportRun run, Exception ex, List<string> uploaded, bool interrupted)
    {
        var errorId = Guid.NewGuid().ToString("N")[..8];
        var cloud = Find<CloudStorageException>(ex);
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

        await RemoveQuietlyAsync(schedule, run, uploaded);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ExportRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
        // Credentials, a missing bucket or container, a permission: the same status text and hint a connection test gives.
        return !interrupted && cloud is not null && !CloudStorageErrors.IsTransient(ex)
            ? new ConnectionTestResult(false, cloud.Message, run.ErrorHint)
            : null;
    }

    /// <summary>
    /// Removes what the failed run completed, so the window shows no object until a run of it succeeds. Best effort:
    /// when the storage is unreachable they stay, and the next run of the window overwrites them (same names).
    /// </summary>
    private async Task RemoveQuietlyAsync(ScheduledExport schedule, ExportRun run, List<string> uploaded)
    {
        if (uploaded.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var destination = await destinations.OpenAsync(schedule.IntegrationId, timeout.Token);
            if (destination.Storage is { } storage)
            {
                foreach (var key in uploaded)
                {
                    await storage.DeleteAsync(key, timeout.Token);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Export {ScheduleName}: could not remove the {Count} objects failed run {RunId} wrote; the next run of its window overwrites them",
                schedule.Name, uploaded.Count, run.Id);
        }
    }

    private Task AuditAsync(ScheduledExport schedule, ExportRun run)
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
        return audit.WriteAsync(new PortalAuditEntry(code, label, "export", "exports", run.TriggeredBy ?? "scheduler",
            run.Status == ExportRunStatus.Succeeded, AuditTargetType.Asset, schedule.Name, Details: details), CancellationToken.None);
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>The export cannot run as set up (its element or integration is gone); the message says what to change.</summary>
public sealed class ExportSetupException(string message) : Exception(message);
