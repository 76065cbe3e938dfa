using System.Buffers;
using System.Security.Cryptography;

namespace AdminPortal.CloudStorage.Uploads;

/// <summary>Cuts a stream into parts through one reused buffer, hashing the whole content on the way.</summary>
/// <remarks>
/// Memory stays at one part whatever the content's size. After a full part it reads one byte ahead, so the caller
/// knows whether that part is the last (GCS needs the total on the last chunk; small content needs no multipart).
/// </remarks>
internal sealed class PartReader(Stream content, int partSize) : IDisposable
{
    private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(partSize);
    private readonly byte[] lookahead = new byte[1];
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private bool hasLookahead;
    private bool finished;
    private int partNumber;

    public long BytesRead { get; private set; }

    public int PartCount => partNumber;

    public async Task<UploadPart> ReadPartAsync(CancellationToken cancellationToken)
    {
        if (finished)
        {
            throw new InvalidOperationException("The last part was already read.");
        }

        var filled = 0;
        if (hasLookahead)
        {
            buffer[0] = lookahead[0];
            filled = 1;
            hasLookahead = false;
        }

        while (filled < partSize)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, partSize - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        var isLast = filled < partSize;
        if (!isLast)
        {
            hasLookahead = await content.ReadAsync(lookahead, cancellationToken) == 1;
            isLast = !hasLookahead;
        }

        sha256.AppendData(buffer, 0, filled);
        md5.AppendData(buffer, 0, filled);
        var part = new UploadPart(++partNumber, new ArraySegment<byte>(buffer, 0, filled), isLast, BytesRead);
        BytesRead += filled;
        finished = isLast;
        return part;
    }

    /// <summary>Lowercase hex SHA-256 of everything read; call after the last part.</summary>
    public string Sha256Hex() => Convert.ToHexStringLower(sha256.GetCurrentHash());

    /// <summary>Base64 MD5 of everything read (GCS's x-goog-hash and md5Hash use this form).</summary>
    public string Md5Base64() => Convert.ToBase64String(md5.GetCurrentHash());

    public void Dispose()
    {
        sha256.Dispose();
        md5.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
