using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.S3;

/// <summary>Buckets with Object Lock refuse writes without an integrity checksum: every upload request carries one.</summary>
[Collection(StoragePeersCollection.Name)]
public sealed class S3ChecksumTests(StoragePeers peers)
{
    [Fact]
    public async Task Every_PutObject_and_UploadPart_request_is_sent_with_the_Content_MD5_of_its_body()
    {
        using var s3 = new RecordingProxy(peers.S3Url);
        using var storage = peers.Factory.Create(peers.S3(TestContent.UniquePrefix("md5")) with { ServiceUrl = s3.Url.AbsoluteUri });
        var large = TestContent.Bytes(11 * 1024 * 1024, seed: 3);

        await storage.UploadAsync("small.jsonl", new MemoryStream("{\"a\":1}\n"u8.ToArray()), UploadOptions.Default, CancellationToken.None);
        await storage.UploadAsync("large.jsonl", new MemoryStream(large), UploadOptions.Default with { PartSizeBytes = 5 * 1024 * 1024 }, CancellationToken.None);

        var uploads = s3.Requests.Where(r => r.IsUpload).ToList();
        Assert.Equal(4, uploads.Count); // one PutObject, three parts
        Assert.Equal(3, uploads.Count(r => r.PathAndQuery.Contains("uploadId=", StringComparison.Ordinal)));
        Assert.All(uploads, r =>
        {
            Assert.Equal(r.BodyMd5, r.Headers.GetValueOrDefault("Content-MD5"));
            Assert.Equal(200, r.Status);
        });
        Assert.Equal(large, await TestContent.ReadAllAsync(storage, "large.jsonl"));
    }
}
