using System.Buffers;
using AdminPortal.CloudStorage.Uploads;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// The last part of a staged GCS upload, kept until the commit sends it: in an owner-only temporary file, so a run of
/// many staged objects holds no more memory than one part.
/// </summary>
internal sealed class HeldPart : IDisposable
{
    private readonly string? path;
    private readonly int number;
    private readonly long offset;
    private readonly int length;

    private HeldPart(string? path, int number, long offset, int length)
    {
        this.path = path;
        this.number = number;
        this.offset = offset;
        this.length = length;
    }

    public static async Task<HeldPart> KeepAsync(UploadPart part, CancellationToken cancellationToken)
    {
        if (part.Length == 0)
        {
            return new HeldPart(null, part.Number, part.Offset, 0);
        }

        var path = Path.Combine(Path.GetTempPath(), $"adminportal-staged-{Guid.NewGuid():N}.part");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using var file = new FileStream(path, options);
            await file.WriteAsync(part.Data.AsMemory(), cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new HeldPart(path, part.Number, part.Offset, part.Length);
    }

    /// <summary>Reads the part back into a pooled buffer for <paramref name="send"/>; the file stays until disposed.</summary>
    public async Task<T> SendAsync<T>(Func<UploadPart, Task<T>> send, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            if (path is not null)
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
                await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
            }

            return await send(new UploadPart(number, new ArraySegment<byte>(buffer, 0, length), IsLast: true, offset));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        if (path is not null)
        {
            File.Delete(path); // no error when already gone
        }
    }
}
