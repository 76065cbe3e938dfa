using System.IO.Compression;
using System.IO.Pipelines;
using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Writes one object of a run: read-ahead thread → serializer → gzip → pipe → <see cref="ICloudStorage.StageAsync"/>,
/// from the event after a cursor until its time partition ends or the part is full. It stages the object, never commits it.
/// </summary>
public sealed class ExportPartWriter(IExportEventSource source, ExportRunRecorder recorder)
{
    /// <summary>
    /// Stages the object that starts after <paramref name="start"/>; null when the window holds no more events.
    /// Deterministic for a window, so a retry writes the same bytes under the same name.
    /// </summary>
    internal async Task<ExportStagedPart?> WriteAsync(ExportRunContext context, ExportCursor start, DateTime? lastPartition, int lastPart, CancellationToken ct)
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
                        await recorder.ReportProgressAsync(context, rows, counting.Written, number, key, force: false);
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
            await recorder.ReportProgressAsync(context, rows, result.Bytes, number, key, force: true);
        }
        catch
        {
            await result.AbortAsync(); // the retry of this object stages it again
            throw;
        }

        context.Rows += rows;
        context.Bytes += result.Bytes;
        return new ExportStagedPart(
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
}
