using System.Text;
using AdminPortal.CloudStorage.Uploads;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>
/// Azure Blob Storage through Azure.Storage.Blobs: StageBlock for each part, then CommitBlockList. Until the list is
/// committed the blocks are invisible, so a failed upload leaves no blob. Each block carries its Content-MD5 (see
/// <see cref="AzureBlobClients"/>).
/// </summary>
internal sealed class AzureBlobStorage(BlobContainerClient container, AzureBlobDestination destination, TimeProvider clock)
    : CloudStorageBase(destination.Prefix, clock)
{
    public override async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        using var reader = new PartReader(content, PartSize(options));
        var part = await reader.ReadPartAsync(cancellationToken);
        if (part.IsLast)
        {
            // One Put Blob: the SDK's BlockBlobClient.Upload sends the stream as one request, never in blocks.
            var info = await AzureErrors.CallAsync(async () => (await container.GetBlockBlobClient(name).UploadAsync(part.AsStream(),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType } }, cancellationToken)).Value);
            options.Progress?.Report(reader.BytesRead);
            return new UploadResult(key, name, reader.BytesRead, reader.Sha256Hex(), info.ETag.ToString(), info.VersionId, 1);
        }

        var staged = await StagePartsAsync(key, name, reader, part, options, cancellationToken);
        return await staged.CommitOrAbortAsync(cancellationToken);
    }

    /// <summary>Always blocks (one is enough for small content), committed by Put Block List when the caller commits.</summary>
    protected override async Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        var blob = container.GetBlockBlobClient(name);
        // Block ids must all have the same length; a per-upload nonce keeps them apart from blocks a failed attempt left.
        var nonce = Guid.NewGuid().ToString("N");
        var blocks = new List<string>();
        while (true)
        {
            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{nonce}-{part.Number:D6}"));
            using (var data = part.AsStream())
            {
                await AzureErrors.CallAsync(async () => (await blob.StageBlockAsync(blockId, data, new BlockBlobStageBlockOptions(), cancellationToken)).Value);
            }

            blocks.Add(blockId);
            options.Progress?.Report(reader.BytesRead);
            if (part.IsLast)
            {
                break;
            }

            part = await reader.ReadPartAsync(cancellationToken);
        }

        var (bytes, sha256) = (reader.BytesRead, reader.Sha256Hex());
        // Uncommitted blocks are invisible and Azure discards them after a week: aborting has nothing to send.
        return new StagedUpload(key, name, bytes, sha256, blocks.Count, async ct =>
        {
            var info = await AzureErrors.CallAsync(async () => (await blob.CommitBlockListAsync(blocks,
                new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = options.ContentType } }, ct)).Value);
            return new UploadResult(key, name, bytes, sha256, info.ETag.ToString(), info.VersionId, blocks.Count);
        }, () => Task.CompletedTask);
    }

    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Paged((marker, ct) => AzureErrors.CallAsync(async () =>
        {
            var pages = container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix + prefix }, ct).AsPages(marker);
            await foreach (var page in pages)
            {
                IReadOnlyList<StoredObject> items = page.Values.Select(blob => new StoredObject(KeyOf(blob.Name), blob.Name,
                    blob.Properties.ContentLength ?? 0, blob.Properties.LastModified, blob.Properties.ETag?.ToString())).ToList();
                return (items, page.ContinuationToken);
            }

            return ((IReadOnlyList<StoredObject>)[], (string?)null);
        }), cancellationToken);

    public override Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        AzureErrors.CallAsync(async () => (await container.GetBlobClient(ObjectName(key))
            .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value);

    public override async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        await AzureErrors.CallAsync(async () => (await container.GetBlobClient(ObjectName(key))
            .DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content);

    /// <summary>Creates the container; an existing one is fine. The portal writes into customers' containers, so only tests and set-up scripts need this.</summary>
    internal Task CreateContainerAsync(CancellationToken cancellationToken) =>
        AzureErrors.CallAsync(() => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
}
