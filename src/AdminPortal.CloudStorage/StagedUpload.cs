namespace AdminPortal.CloudStorage;

/// <summary>An upload whose bytes are with the cloud, waiting to be committed (the object appears) or aborted (nothing remains).</summary>
public sealed class StagedUpload
{
    private readonly Func<CancellationToken, Task<UploadResult>> commit;
    private readonly Func<Task> abort;

    public StagedUpload(string key, string objectName, long bytes, string sha256, int parts,
        Func<CancellationToken, Task<UploadResult>> commit, Func<Task> abort)
    {
        Key = key;
        ObjectName = objectName;
        Bytes = bytes;
        Sha256 = sha256;
        Parts = parts;
        this.commit = commit;
        this.abort = abort;
    }

    public string Key { get; }

    public string ObjectName { get; }

    public long Bytes { get; }

    /// <summary>Lowercase hex SHA-256 of the uploaded bytes.</summary>
    public string Sha256 { get; }

    public int Parts { get; }

    /// <summary>True when the store made the object visible already (no deferred commit).</summary>
    public bool IsVisible { get; private init; }

    /// <summary>For a store without a deferred commit: uploads at once; committing returns the result, aborting deletes the object.</summary>
    public static async Task<StagedUpload> UploadNowAsync(ICloudStorage storage, string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var result = await storage.UploadAsync(key, content, options, cancellationToken);
        return new StagedUpload(result.Key, result.ObjectName, result.Bytes, result.Sha256, result.Parts,
            _ => Task.FromResult(result), () => storage.DeleteAsync(key, CancellationToken.None)) { IsVisible = true };
    }

    /// <summary>Makes the object visible; on failure the upload stays staged (abort it).</summary>
    public Task<UploadResult> CommitAsync(CancellationToken cancellationToken) => commit(cancellationToken);

    /// <summary>Commits, or aborts and throws: an upload that is staged only to be committed at once.</summary>
    public async Task<UploadResult> CommitOrAbortAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CommitAsync(cancellationToken);
        }
        catch
        {
            await AbortAsync();
            throw;
        }
    }

    /// <summary>Discards the upload. Best effort: never throws (an abandoned S3 upload, Azure block or GCS session stays invisible).</summary>
    public async Task AbortAsync()
    {
        try
        {
            await abort();
        }
        catch (Exception)
        {
            // The provider's abort logs what it could not do; the caller's error is the one that matters.
        }
    }
}
