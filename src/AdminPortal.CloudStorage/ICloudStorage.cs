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
