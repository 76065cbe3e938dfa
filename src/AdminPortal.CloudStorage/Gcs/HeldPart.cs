namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// The bytes of a staged upload's last request, kept in an owner-only temporary file until the commit sends them
/// (or the abort drops them): memory stays at one part per running upload however many uploads a run stages.
/// </summary>
internal sealed class HeldPart : IDisposable
{
    private readonly string path;
    private readonly long offset;

    private HeldPart(string path, long offset)
    {
        this.path = path;
        this.offset = offset;
    }

    /// <summary>Writes <paramref name="bytes"/>, the object's bytes from <paramref name="offset"/> on, to a new temporary file.</summary>
    public static async Task<HeldPart> KeepAsync(long offset, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"adminportal-staged-{Guid.NewGuid():N}.part");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            await using var file = new FileStream(path, options);
            await file.WriteAsync(bytes, cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new HeldPart(path, offset);
    }

    /// <summary>The object of <paramref name="total"/> bytes, readable from the held offset on (what the SDK's resume reads).</summary>
    public Stream Open(long total) =>
        new ObjectTailStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous), offset, total);

    public void Dispose() => File.Delete(path); // no error when already gone
}
