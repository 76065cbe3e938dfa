namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// The whole object as the SDK's resume sees it (seekable, its full length) when only its tail, from
/// <paramref name="start"/>, is at hand: GCS holds the rest, and the resume reads from the byte GCS reports next.
/// </summary>
internal sealed class ObjectTailStream(FileStream tail, long start, long total) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => total;

    public override long Position
    {
        get => start + tail.Position;
        set
        {
            if (value < start)
            {
                throw new InvalidOperationException($"GCS holds {value} bytes of the session, fewer than the {start} sent when it was staged.");
            }

            tail.Position = value - start;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => tail.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        tail.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => tail.ReadAsync(buffer, cancellationToken);

    public override long Seek(long position, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => position,
        SeekOrigin.Current => Position + position,
        _ => total + position,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tail.Dispose();
        }

        base.Dispose(disposing);
    }
}
