namespace AdminPortal.CloudStorage;

/// <summary>One customer destination (a bucket or container plus a prefix) in Amazon S3, Azure Blob Storage or Google Cloud Storage.</summary>
/// <remarks>Keys are relative to the destination's prefix; <see cref="StoredObject.ObjectName"/> is the full name in the bucket.</remarks>
public interface ICloudStorage : IDisposable
{
    /// <summary>True when an S3 destination talks to an S3-compatible store and so avoids aws-chunked bodies (shown on the page).</summary>
    bool CompatibilityMode { get; }

    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/> in parts; on failure or cancellation no object becomes visible.</summary>
    Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// Streams <paramref name="content"/> like <see cref="UploadAsync"/> but leaves the object invisible until
    /// <see cref="StagedUpload.CommitAsync"/>, so a run of several objects can show all of them or none.
    /// </summary>
    /// <remarks>
    /// S3 keeps the multipart upload open, Azure the uncommitted blocks and GCS the unfinished resumable session (its
    /// last part waiting in a temporary file). A store without a deferred commit stores the object at once:
    /// <see cref="StagedUpload.IsVisible"/>, and aborting deletes it.
    /// </remarks>
    Task<StagedUpload> StageAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken) =>
        StagedUpload.UploadNowAsync(this, key, content, options, cancellationToken);

    /// <summary>Objects whose key starts with <paramref name="prefix"/> (relative to the destination's prefix).</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting one that does not exist succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Opens an object for reading; throws <see cref="CloudStorageException"/> with <see cref="CloudStorageException.IsNotFound"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes a small probe object under the prefix, reads it back and deletes it.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>How an upload is cut and labelled.</summary>
public sealed record UploadOptions
{
    public const int DefaultPartSize = 8 * 1024 * 1024;

    public static UploadOptions Default { get; } = new();

    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Bytes held in memory at once: the upload buffers one part, whatever the content's size.</summary>
    public int PartSizeBytes { get; init; } = DefaultPartSize;

    /// <summary>Reports the bytes sent so far, after each part.</summary>
    public IProgress<long>? Progress { get; init; }
}

/// <summary>What an upload wrote: enough for an export manifest.</summary>
public sealed record UploadResult(string Key, string ObjectName, long Bytes, string Sha256, string? ETag, string? Version, int Parts);

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

/// <summary>One object found by a listing.</summary>
public sealed record StoredObject(string Key, string ObjectName, long Size, DateTimeOffset? LastModified, string? ETag);

/// <summary>The outcome of Test connection: <c>SUCCESS</c>, or the cloud's own error text and a hint of what to fix.</summary>
public sealed record ConnectionTestResult(bool Success, string Status, string? Hint)
{
    public const string SuccessStatus = "SUCCESS";

    public static ConnectionTestResult Succeeded { get; } = new(true, SuccessStatus, null);
}
