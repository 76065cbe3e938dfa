using System.Threading.Channels;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Reads a part's events on another thread, a few batches (<see cref="ExportRowBatch"/>) ahead of the writer, from the
/// event the reader stands on to the end of the partition or <c>Exports:PartMaxRows</c>. The writer encodes, gzips and
/// decides where the object ends (its stored size) as before; what was read past that end is dropped and read again by
/// the next part, so the objects are the same as when one thread did it all (bench/, 1,000,000 events: reading from
/// SQLite took about as long as encoding and gzip together).
/// </summary>
internal sealed class ExportReadAhead : IAsyncDisposable
{
    private const int Batches = 3;

    private readonly Channel<ExportRowBatch> filled = Channel.CreateBounded<ExportRowBatch>(
        new BoundedChannelOptions(Batches) { SingleReader = true, SingleWriter = true });
    private readonly Channel<ExportRowBatch> empty = Channel.CreateUnbounded<ExportRowBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource stop;
    private readonly Task reading;
    private ExportRowBatch? handedOut;

    public ExportReadAhead(ExportEventReader reader, IReadOnlyList<AuditColumn> columns, long partitionEndMs, long maxRows, CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        for (var i = 0; i < Batches; i++)
        {
            empty.Writer.TryWrite(new ExportRowBatch(columns));
        }

        reading = Task.Run(() => ReadAsync(reader, partitionEndMs, maxRows, stop.Token), CancellationToken.None);
    }

    /// <summary>The next batch of events; null after the last. The batch handed out before goes back to be filled.</summary>
    public async ValueTask<ExportRowBatch.Reader?> NextAsync(CancellationToken ct)
    {
        if (handedOut is { } done)
        {
            done.Clear();
            empty.Writer.TryWrite(done);
            handedOut = null;
        }

        if (!await filled.Reader.WaitToReadAsync(ct) || !filled.Reader.TryRead(out var batch))
        {
            await reading; // the reading thread's error, when it failed
            return null;
        }

        handedOut = batch;
        return batch.Read();
    }

    /// <summary>Stops reading (the object is full, or failed) and waits until the reading thread has let go of the reader.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped here.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception)
        {
            // Disposing after a failure: the writer reports the error.
        }

        stop.Dispose();
    }

    private async Task ReadAsync(ExportEventReader reader, long partitionEndMs, long maxRows, CancellationToken ct)
    {
        try
        {
            long rows = 0;
            var batch = await empty.Reader.ReadAsync(ct);
            do
            {
                // Clamped as the partition was: a stored long.MaxValue must fall inside the last partition, whose end is long.MaxValue.
                if (ExportEventTime.Clamp(reader.EventTimeMs) >= partitionEndMs)
                {
                    break;
                }

                reader.CopyTo(batch);
                if (++rows >= maxRows)
                {
                    break;
                }

                if (batch.IsFull)
                {
                    await filled.Writer.WriteAsync(batch, ct);
                    batch = await empty.Reader.ReadAsync(ct);
                }
            }
            while (reader.Read(ct));

            if (batch.Count > 0)
            {
                await filled.Writer.WriteAsync(batch, ct);
            }
        }
        finally
        {
            filled.Writer.TryComplete();
        }
    }
}
