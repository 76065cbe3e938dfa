namespace AdminPortal.CloudStorage;

/// <summary>One customer destination (a bucket or container plus a prefix) in Amazon S3, Azure Blob Storage or Google Cloud Storage.</summary>
/// <remarks>Keys are relative to the destination's prefix; <see cref="StoredObject.ObjectName"/> is the full name in the bucket.</remarks>
public interface ICloudStorage : IDisposable
{
    /// <summary>True when an S3 destination talks to an S3-compatible store and so avoids aws-chunked bodies (shown on the page).</summary>
    bool CompatibilityMode { get; }

    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/> in parts; on failure or cancellation no object becomes visible.</summary>
    Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken);

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

/// <summary>One object found by a listing.</summary>
public sealed record StoredObject(string Key, string ObjectName, long Size, DateTimeOffset? LastModified, string? ETag);

/// <summary>The outcome of Test connection: <c>SUCCESS</c>, or the cloud's own error text and a hint of what to fix.</summary>
public sealed record ConnectionTestResult(bool Success, string Status, string? Hint)
{
    public const string SuccessStatus = "SUCCESS";

    public static ConnectionTestResult Succeeded { get; } = new(true, SuccessStatus, null);
}
