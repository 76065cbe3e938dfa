using AdminPortal.CloudStorage.Uploads;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace AdminPortal.CloudStorage.S3;

/// <summary>S3 (or an S3-compatible store) through the low-level multipart API, which unlike TransferUtility lets each part skip aws-chunked encoding.</summary>
internal sealed class S3CloudStorage(IAmazonS3 client, S3Destination destination, ILogger<S3CloudStorage> logger, TimeProvider clock, IDisposable? owned = null)
    : CloudStorageBase(destination.Prefix, clock)
{
    public override bool CompatibilityMode => destination.CompatibilityMode;

    // S3 refuses parts under 5 MiB except the last one.
    protected override int MinimumPartSize => 5 * 1024 * 1024;

    public override async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        using var reader = new PartReader(content, PartSize(options));
        var part = await reader.ReadPartAsync(cancellationToken);
        if (part.IsLast)
        {
            var put = new PutObjectRequest
            {
                BucketName = destination.Bucket,
                Key = name,
                InputStream = part.AsStream(),
                ContentType = options.ContentType,
                // Buckets with Object Lock refuse a write without an integrity checksum; Content-MD5 is the one every S3-compatible store knows.
                MD5Digest = part.Md5Base64(),
            };
            if (CompatibilityMode)
            {
                put.UseChunkEncoding = false;
            }

            var response = await Call(() => client.PutObjectAsync(put, cancellationToken));
            options.Progress?.Report(reader.BytesRead);
            return new UploadResult(key, name, reader.BytesRead, reader.Sha256Hex(), response.ETag, response.VersionId, 1);
        }

        var staged = await StagePartsAsync(key, name, reader, part, options, cancellationToken);
        return await staged.CommitOrAbortAsync(cancellationToken);
    }

    /// <summary>Always a multipart upload (one part is allowed to be small), left open until the caller commits it.</summary>
    protected override async Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        var upload = await Call(() => client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = destination.Bucket, Key = name, ContentType = options.ContentType }, cancellationToken));
        try
        {
            var etags = new List<PartETag>();
            while (true)
            {
                var request = new UploadPartRequest
                {
                    BucketName = destination.Bucket,
                    Key = name,
                    UploadId = upload.UploadId,
                    PartNumber = part.Number,
                    PartSize = part.Length,
                    InputStream = part.AsStream(),
                    MD5Digest = part.Md5Base64(),
                };
                if (CompatibilityMode)
                {
                    request.UseChunkEncoding = false;
                }

                var uploaded = await Call(() => client.UploadPartAsync(request, cancellationToken));
                etags.Add(new PartETag(part.Number, uploaded.ETag));
                options.Progress?.Report(reader.BytesRead);
                if (part.IsLast)
                {
                    break;
                }

                part = await reader.ReadPartAsync(cancellationToken);
            }

            var (bytes, sha256) = (reader.BytesRead, reader.Sha256Hex());
            return new StagedUpload(key, name, bytes, sha256, etags.Count,
                async ct =>
                {
                    var completed = await Call(() => client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                    {
                        BucketName = destination.Bucket,
                        Key = name,
                        UploadId = upload.UploadId,
                        PartETags = etags,
                    }, ct));
                    return new UploadResult(key, name, bytes, sha256, completed.ETag, completed.VersionId, etags.Count);
                },
                () => AbortQuietlyAsync(name, upload.UploadId));
        }
        catch
        {
            await AbortQuietlyAsync(name, upload.UploadId);
            throw;
        }
    }

    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Paged(async (token, ct) =>
        {
            var response = await Call(() => client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = destination.Bucket,
                Prefix = Prefix + prefix,
                ContinuationToken = token,
            }, ct));
            var items = (response.S3Objects ?? [])
                .Select(o => new StoredObject(KeyOf(o.Key), o.Key, o.Size ?? 0, o.LastModified is { } at ? new DateTimeOffset(at.ToUniversalTime()) : null, o.ETag))
                .ToList();
            return (items, response.IsTruncated == true ? response.NextContinuationToken : null);
        }, cancellationToken);

    public override async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Call(() => client.DeleteObjectAsync(destination.Bucket, ObjectName(key), cancellationToken));

    public override async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await Call(() => client.GetObjectAsync(destination.Bucket, ObjectName(key), cancellationToken));
        return response.ResponseStream;
    }

    public override void Dispose()
    {
        client.Dispose();
        owned?.Dispose();
    }

    /// <summary>
    /// An incomplete multipart upload is invisible, so a failed abort is logged, not thrown: the real error stays the
    /// one the caller sees. Some stores (s3rver) answer 405; a lifecycle rule for incomplete uploads cleans up.
    /// </summary>
    private async Task AbortQuietlyAsync(string name, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(destination.Bucket, name, uploadId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not abort multipart upload {UploadId} of {Bucket}/{ObjectName}; its parts stay invisible until a lifecycle rule removes them",
                uploadId, destination.Bucket, name);
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException ex)
        {
            throw new CloudStorageException(CloudStorageException.Describe(ex.ErrorCode, ex.Message), ex.ErrorCode, ex.StatusCode, ex);
        }
    }
}
