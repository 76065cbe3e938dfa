using System.Net;
using System.Runtime.CompilerServices;
using AdminPortal.CloudStorage.Uploads;
using Google;
using Google.Cloud.Storage.V1;
using Microsoft.Extensions.Logging;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// Google Cloud Storage through the SDK (<see cref="StorageClient"/>; its resumable upload for the bytes). An upload is
/// one resumable session whose object appears only when the last chunk lands; a failed session is cancelled. Staging
/// sends every chunk but the last and keeps the session open with that chunk in a temporary file: committing resumes
/// the session with it, aborting cancels the session, and until then nothing is visible. The custom role's
/// permissions suffice (objects.create; no compose or copy, which would need objects.get).
/// </summary>
internal sealed class GcsCloudStorage(StorageClient client, GcsDestination destination, ILogger<GcsCloudStorage> logger, TimeProvider clock)
    : CloudStorageBase(destination.Prefix, clock)
{
    protected override int PartGranularity => UploadObjectOptions.MinimumChunkSize;

    public override async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        var partSize = PartSize(options);
        using var reader = new PartReader(content, partSize);
        await using var parts = new PartReaderStream(reader, await reader.ReadPartAsync(cancellationToken));
        var upload = Upload(name, options, parts, partSize);
        upload.SendMd5(reader.Md5Base64);
        upload.ReportTo(options.Progress);
        var stored = await RunAsync(upload, () => upload.UploadAsync(cancellationToken));
        var result = await CheckedAsync(key, name, stored, reader.BytesRead, reader.Md5Base64(), reader.Sha256Hex(), reader.PartCount);
        options.Progress?.Report(result.Bytes);
        return result;
    }

    protected override async Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        var partSize = PartSize(options);
        var upload = Upload(name, options, new PartReaderStream(reader, part), partSize);
        upload.HoldLastRequest();
        upload.ReportTo(options.Progress);
        var held = await HoldAsync(upload, cancellationToken);
        var session = upload.SessionUri!;
        var (bytes, md5, sha256, parts) = (reader.BytesRead, reader.Md5Base64(), reader.Sha256Hex(), reader.PartCount);
        return new StagedUpload(key, name, bytes, sha256, parts,
            async ct =>
            {
                StorageObject stored;
                await using (var tail = held.Open(bytes))
                {
                    var commit = Upload(name, options, tail, partSize);
                    commit.SendMd5(() => md5);
                    // Asks GCS what it holds (bytes */total), then sends the rest with the total: the object appears.
                    stored = commit.Result(await commit.ResumeAsync(session, ct));
                }

                var result = await CheckedAsync(key, name, stored, bytes, md5, sha256, parts);
                held.Dispose();
                return result;
            },
            async () =>
            {
                held.Dispose();
                await CancelQuietlyAsync(session);
            });
    }

    public override async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pages = client.ListObjectsAsync(destination.Bucket, Prefix + prefix).AsRawResponses().GetAsyncEnumerator(cancellationToken);
        while (await GcsErrors.TranslateAsync(async () => await pages.MoveNextAsync()))
        {
            foreach (var item in pages.Current.Items ?? [])
            {
                yield return new StoredObject(KeyOf(item.Name), item.Name, (long)(item.Size ?? 0), item.UpdatedDateTimeOffset, item.ETag);
            }
        }
    }

    public override async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            // Deleting twice ends the same way, so the SDK may retry it like a read.
            await client.DeleteObjectAsync(destination.Bucket, ObjectName(key), new DeleteObjectOptions { RetryOptions = RetryOptions.IdempotentRetryOptions },
                cancellationToken);
        }
        catch (GoogleApiException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        catch (GoogleApiException ex)
        {
            throw GcsErrors.From(ex);
        }
    }

    /// <summary>
    /// Downloads into an owner-only temporary file deleted on close: the SDK checks the bytes against the hash GCS
    /// sends, and a missing object fails here rather than on the caller's first read.
    /// </summary>
    public override async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"adminportal-read-{Guid.NewGuid():N}.tmp"), options);
        try
        {
            await GcsErrors.TranslateAsync(() => client.DownloadObjectAsync(destination.Bucket, ObjectName(key), file, cancellationToken: cancellationToken));
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public override void Dispose() => client.Dispose();

    private GcsObjectUpload Upload(string name, UploadOptions options, Stream content, int partSize) =>
        new(client, destination.Bucket, name, options.ContentType, content, partSize);

    /// <summary>Runs an upload to its end; a failed or cancelled one has its session cancelled, so nothing of it stays.</summary>
    private async Task<StorageObject> RunAsync(GcsObjectUpload upload, Func<Task<Google.Apis.Upload.IUploadProgress>> run)
    {
        try
        {
            return upload.Result(await run());
        }
        catch (Exception)
        {
            await CancelQuietlyAsync(upload.SessionUri);
            throw;
        }
    }

    /// <summary>Runs a staging upload until its last request and keeps that request's bytes; on any other end the session is cancelled.</summary>
    private async Task<HeldPart> HoldAsync(GcsObjectUpload upload, CancellationToken cancellationToken)
    {
        try
        {
            var progress = await upload.UploadAsync(cancellationToken);
            if (progress.Exception is LastChunkHeld last)
            {
                try
                {
                    return await HeldPart.KeepAsync(last.Offset, last.Bytes, cancellationToken);
                }
                finally
                {
                    last.ReturnBuffer();
                }
            }

            upload.Result(progress); // throws the upload's own error
            throw new CloudStorageException("GCS created the object before its last request was sent.", "uploadFinalizedEarly", null);
        }
        catch (Exception)
        {
            await CancelQuietlyAsync(upload.SessionUri);
            throw;
        }
    }

    /// <summary>
    /// The object GCS reports against what was sent: GCS already refused a differing MD5, this also covers a store
    /// that ignores x-goog-hash. A mismatch deletes the object.
    /// </summary>
    private async Task<UploadResult> CheckedAsync(string key, string name, StorageObject stored, long bytes, string md5, string sha256, int parts)
    {
        if (stored.Md5Hash is { } storedMd5 && storedMd5 != md5)
        {
            await DeleteAsync(key, CancellationToken.None);
            throw new CloudStorageException($"The stored object's MD5 {storedMd5} differs from the uploaded content's {md5}.", "md5Mismatch", null);
        }

        return new UploadResult(key, name, bytes, sha256, stored.ETag, stored.Generation?.ToString(System.Globalization.CultureInfo.InvariantCulture), parts);
    }

    private async Task CancelQuietlyAsync(Uri? session)
    {
        if (session is null)
        {
            return;
        }

        try
        {
            // The SDK has no call for it: DELETE on the session URI (GCS answers 499), through the client's own
            // pipeline (guarded transport, credentials).
            using var request = new HttpRequestMessage(HttpMethod.Delete, session);
            using var response = await client.Service.HttpClient.SendAsync(request, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not cancel the resumable upload session for bucket {Bucket}; GCS expires it within a week", destination.Bucket);
        }
    }
}
