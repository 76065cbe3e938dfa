using AdminPortal.CloudStorage.Uploads;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// The parts of a <see cref="PartReader"/> as one forward-only stream, for the SDK's resumable upload, which cuts its
/// own chunks from it; the reader still counts and hashes (SHA-256, MD5) every byte on the way.
/// </summary>
internal sealed class PartReaderStream(PartReader reader, UploadPart first) : Stream
{
    private UploadPart part = first;
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (position == part.Length)
        {
            if (part.IsLast)
            {
                return 0;
            }

            part = await reader.ReadPartAsync(cancellationToken);
            position = 0;
        }

        var count = Math.Min(buffer.Length, part.Length - position);
        part.Data.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The SDK reads asynchronously; a blocking read would hold a thread for the export query behind the stream.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the parts asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
