using System.Buffers;
using Google.Apis.Storage.v1;
using Google.Apis.Upload;
using Google.Cloud.Storage.V1;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// The SDK's resumable object upload (Google.Apis' <see cref="ResumableUpload"/>: chunks of a multiple of 256 KiB,
/// 308 handling, resending what GCS did not keep, resuming after a 5xx), remembering its session so that a failed or
/// aborted upload can be cancelled and a staged one resumed.
/// </summary>
internal sealed class GcsObjectUpload : ObjectsResource.InsertMediaUpload
{
    private const string GoogleHash = "x-goog-hash";

    public GcsObjectUpload(StorageClient client, string bucket, string name, string contentType, Stream content, int chunkSize)
        : base(client.Service, new StorageObject { Bucket = bucket, Name = name, ContentType = contentType }, bucket, content, contentType)
    {
        ChunkSize = chunkSize;
    }

    /// <summary>The resumable session, once started.</summary>
    public Uri? SessionUri { get; private set; }

    public override async Task<Uri> InitiateSessionAsync(CancellationToken cancellationToken = default) =>
        SessionUri = await base.InitiateSessionAsync(cancellationToken);

    /// <summary>
    /// Sends the whole object's MD5 with the last request (x-goog-hash): GCS refuses the upload, and creates nothing,
    /// when the bytes it received differ; a bucket with a retention policy or object lock accepts the write.
    /// </summary>
    /// <remarks>
    /// MD5, not CRC32C: the content is hashed as it is read (<see cref="Uploads.PartReader"/>), which a staged upload
    /// resumed later needs; the SDK's CRC32C stream refuses resumed sessions and its Crc32c class is internal.
    /// </remarks>
    public void SendMd5(Func<string> md5) => LastRequestExecuting += request =>
    {
        // Called again when the last request is retried: set, never added twice.
        request.Headers.Remove(GoogleHash);
        request.Headers.TryAddWithoutValidation(GoogleHash, $"md5={md5()}");
    };

    /// <summary>Stops the upload right before its last request and hands that request's bytes over (<see cref="LastChunkHeld"/>).</summary>
    public void HoldLastRequest() => LastRequestExecuting += request =>
    {
        // "bytes X-Y/T" (or "bytes */0" for empty content): the request's body is the object from X on, in memory.
        var range = request.Content?.Headers.ContentRange ?? throw new InvalidOperationException("The last request has no Content-Range.");
        var offset = range.From ?? range.Length ?? 0;
        var length = checked((int)((range.To ?? offset - 1) - offset + 1));
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        using (var body = request.Content.ReadAsStream())
        {
            body.ReadExactly(buffer, 0, length);
        }

        throw new LastChunkHeld(offset, buffer, length);
    };

    /// <summary>Reports the bytes GCS holds after each chunk.</summary>
    public void ReportTo(IProgress<long>? progress)
    {
        if (progress is not null)
        {
            ProgressChanged += p =>
            {
                if (p.Status == UploadStatus.Uploading)
                {
                    progress.Report(p.BytesSent);
                }
            };
        }
    }

    /// <summary>The object GCS created, or the upload's error (the SDK returns it in the progress rather than throwing).</summary>
    public StorageObject Result(IUploadProgress progress)
    {
        if (progress.Status == UploadStatus.Completed && ResponseBody is { } stored)
        {
            return stored;
        }

        throw progress.Exception switch
        {
            Google.GoogleApiException api => GcsErrors.From(api),
            { } other => other,
            null => new CloudStorageException($"The upload ended as {progress.Status} without an object.", null, null),
        };
    }
}
