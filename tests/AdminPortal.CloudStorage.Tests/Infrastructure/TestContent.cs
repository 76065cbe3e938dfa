using System.Security.Cryptography;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

internal static class TestContent
{
    /// <summary>Random bytes from a fixed seed, so a failure can be reproduced.</summary>
    public static byte[] Bytes(int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<byte[]> ReadAllAsync(ICloudStorage storage, string key)
    {
        await using var stream = await storage.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    public static async Task<List<string>> KeysAsync(ICloudStorage storage, string prefix) =>
        await storage.ListAsync(prefix, CancellationToken.None).Select(o => o.Key).ToListAsync();

    public static string UniquePrefix(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];
}

/// <summary>A content stream that fails, or cancels a token, once a given number of bytes has been read: a run dying mid-upload.</summary>
internal sealed class InterruptedStream(byte[] bytes, int interruptAt, Action interrupt) : Stream
{
    private int position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= interruptAt)
        {
            interrupt();
        }

        var count = Math.Min(buffer.Length, bytes.Length - position);
        bytes.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
