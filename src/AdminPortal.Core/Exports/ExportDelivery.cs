using AdminPortal.CloudStorage;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Delivers a run's window in two phases: every object staged first (<see cref="ExportPartWriter"/>), then each
/// committed and listed back with its size, then the manifest, last. A run cut while staging leaves none of its
/// objects visible; one that fails after committing has them removed (<see cref="RemoveAsync"/>).
/// </summary>
public sealed class ExportDelivery(
    IExportEventSource source,
    ExportPartWriter writer,
    ExportRetryPolicy retries,
    ExportRunIntegration integration,
    TimeProvider clock,
    ILogger<ExportDelivery> logger)
{
    /// <summary>
    /// Stores the window's objects and its manifest; null when an incremental window holds nothing new (no objects, no
    /// manifest). Each key made visible is added to <paramref name="committed"/> as soon as it is.
    /// </summary>
    internal async Task<ExportManifest?> DeliverAsync(ExportRunContext context, List<string> committed, CancellationToken ct)
    {
        var window = context.Window;
        if (window.ToRowId <= (window.AfterRowId ?? 0) && context.Schedule.Mode == ExportMode.Incremental)
        {
            return null; // nothing was ingested since the last run: no objects, no manifest
        }

        var parts = await StageAndCommitAsync(context, committed, ct);
        var manifest = new ExportManifest(
            1, context.Schedule.Id, context.Schedule.Name, context.Run.Id, context.Run.RunToken,
            context.Schedule.Mode.ToString(), context.Schedule.Format.ToString(), context.Schedule.Gzip,
            context.Columns.Select(c => c.Name).ToList(),
            new ExportManifestWindow(window.AfterRowId, context.Run.WindowAfterIngestedAtUtc, window.ToRowId, context.Run.WindowToIngestedAtUtc,
                window.FromEventTimeUtc, window.ToEventTimeUtc),
            clock.GetUtcNow().UtcDateTime, parts.Sum(p => p.Rows), parts.Sum(p => p.Bytes), parts);
        var key = context.Template.ManifestKey(context.Run.RunToken);
        var body = manifest.ToUtf8();
        var stored = await retries.RunAsync(context, "the manifest", async () =>
        {
            using var content = new MemoryStream(body, writable: false);
            var result = await context.Storage.UploadAsync(key, content,
                new UploadOptions { ContentType = "application/json", PartSizeBytes = context.Settings.UploadChunkBytes }, ct);
            committed.Add(key);
            await VerifyAsync(context.Storage, key, result.Bytes, ct);
            return result;
        }, ct);
        context.Run.ManifestObjectName = stored.ObjectName;
        return manifest;
    }

    /// <summary>
    /// Removes what a failed run committed, so the window shows no object until a run of it succeeds. Best effort:
    /// when the storage is unreachable they stay, and the next run of the window overwrites them (same names).
    /// </summary>
    public async Task RemoveAsync(ScheduledExport schedule, ExportRun run, IReadOnlyList<string> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var destination = await integration.OpenAsync(schedule.IntegrationId, timeout.Token);
            if (destination.Storage is { } storage)
            {
                foreach (var key in committed)
                {
                    await storage.DeleteAsync(key, timeout.Token);
                }
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Export {ScheduleName}: could not remove the {Count} objects failed run {RunId} wrote; the next run of its window overwrites them",
                schedule.Name, committed.Count, run.Id);
        }
    }

    private async Task<List<ExportManifestPart>> StageAndCommitAsync(ExportRunContext context, List<string> committed, CancellationToken ct)
    {
        var parts = new List<ExportManifestPart>();
        var staged = new List<StagedUpload>();
        var done = 0;
        try
        {
            var cursor = await source.StartAsync(context.Window, ct);
            DateTime? lastPartition = null;
            var lastPart = 0;
            while (cursor is { } start)
            {
                var written = await retries.RunAsync(context, "an object", () => writer.WriteAsync(context, start, lastPartition, lastPart, ct), ct);
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
                var result = await retries.RunAsync(context, "committing an object", () => upload.CommitAsync(ct), ct);
                done++;
                committed.Add(upload.Key);
                await retries.RunAsync(context, "checking an object", () => VerifyAsync(context.Storage, upload.Key, result.Bytes, ct), ct);
            }
        }
        catch
        {
            foreach (var upload in staged.Skip(done))
            {
                await upload.AbortAsync();
            }

            throw;
        }

        return parts;
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
}
