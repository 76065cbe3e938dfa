using System.IO.Compression;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The stored bytes of one object on their way to the upload: the serializer's chunks, gzipped when the export is, into
/// the output (the pipe the upload reads). A chunk is compressed on another thread while the next one
/// is read and encoded (the two halves of an export take about the same time; sqlite3 | gzip runs them on two cores
/// too), one chunk at a time and in order, so the stored bytes stay the same for the same rows.
/// </summary>
internal sealed class ExportObjectBody : IAsyncDisposable
{
    private readonly CountingStream counting;
    private readonly GZipStream? compressor;
    private byte[] spare = [];
    private byte[] compressing = [];
    private Task<long>? inFlight;

    public ExportObjectBody(Stream output, bool gzip)
    {
        counting = new CountingStream(output);
        compressor = gzip ? new GZipStream(counting, CompressionLevel.Fastest, leaveOpen: true) : null;
    }

    /// <summary>
    /// Bytes stored so far: exact without gzip; with gzip, after every chunk but the one still being compressed (the part
    /// limit then decides at the next chunk, see <see cref="TryAppendAsync"/>).
    /// </summary>
    public long StoredBytes { get; private set; }

    /// <summary>
    /// Appends a chunk unless the object already holds <paramref name="limit"/> stored bytes: with gzip, that is known
    /// only once the chunk before is compressed, so the rows of this chunk then go to the next object, where the
    /// object's rows would have ended had it been compressed on this thread.
    /// </summary>
    public async ValueTask<bool> TryAppendAsync(ReadOnlyMemory<byte> chunk, long limit, CancellationToken ct)
    {
        await SettleAsync();
        if (StoredBytes >= limit)
        {
            return false;
        }

        await AppendAsync(chunk, ct);
        return true;
    }

    /// <summary>Appends the object's last bytes and ends it (the gzip trailer).</summary>
    public async Task CompleteAsync(ReadOnlyMemory<byte> tail, CancellationToken ct)
    {
        await SettleAsync();
        await AppendAsync(tail, ct);
        await SettleAsync();
        if (compressor is not null)
        {
            await compressor.DisposeAsync();
            StoredBytes = counting.Written;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SettleAsync();
        }
        catch (Exception)
        {
            // The writer reports the error that stopped the object; this only waits for the other thread to let go.
        }

        try
        {
            if (compressor is not null)
            {
                await compressor.DisposeAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // After a failure the pipe is already completed: the trailer has nowhere to go, and is not wanted.
        }
    }

    private async ValueTask AppendAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        if (compressor is null)
        {
            await counting.WriteAsync(chunk, ct);
            StoredBytes = counting.Written;
            return;
        }

        // The serializer reuses its buffer for the next chunk: this one is copied to the buffer not being compressed.
        if (spare.Length < chunk.Length)
        {
            spare = new byte[chunk.Length];
        }

        chunk.CopyTo(spare);
        (spare, compressing) = (compressing, spare);
        var buffer = compressing;
        var length = chunk.Length;
        inFlight = Task.Run(async () =>
        {
            await compressor.WriteAsync(buffer.AsMemory(0, length), ct);
            return counting.Written;
        }, CancellationToken.None);
    }

    private async ValueTask SettleAsync()
    {
        if (inFlight is { } task)
        {
            inFlight = null;
            StoredBytes = await task;
        }
    }
}
